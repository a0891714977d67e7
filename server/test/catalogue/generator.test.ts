import { describe, expect, it } from 'vitest';
import { generateCatalogue, referenceTarget, serializeCatalogue } from '../../scripts/gen-catalogue.js';

/** A miniature reference document with the same section layout as the real one. */
const MINI = `
## 7. Core entities
### 7.1 Widgets (\`/V1.0/Widgets\`)
| Field | Type | Req | R/O | Len | Kind | Label |
|---|---|---|---|---|---|---|
| \`id\` | long | (auto) | RO |  |  | id |
| \`companyID\` | integer | Y | RO |  | ref | Account |
| \`state\` | integer |  |  |  | picklist NQ | State |
| \`name\` | string | Y |  | 80 |  | Name |
## 8. Webhooks
## 9. Complete entity list
| # | Entity | GET | Query | Count | POST | PATCH / PUT | DELETE | UDF |
|---|---|---|---|---|---|---|---|---|
| 1 | \`Widgets\` | Y | Y | Y | Y | Y/Y | — | Y |
| 2 | \`WidgetNotes\` | Y | Y | Y | — | —/— | — | — |
| 3 | \`WidgetAttachments\` | Y | Y | Y | — | —/— | — | — |
### 9.1 Parent–child collections (1)
| Child collection URL | Child entity | GET list | GET /{id} | POST | PATCH / PUT | DELETE /{id} | entityInformation |
|---|---|---|---|---|---|---|---|
| \`/Widgets/{parentId}/Notes\` | \`WidgetNotes\` | Y | Y | Y | Y/Y | — | Y |
### 9.2 Create/update only through a parent
## Appendix A. Field names for every entity
- \`Widgets\`: id:long, companyID:int!, name:str!, state:int, blob:b64, size:?
- \`WidgetNotes\`: id:long, widgetID:int!, description:str!, publish:int!
- \`WidgetAttachments\`: id:long, widgetID:int, data:b64, fileSize:dbl, title:str!
## Appendix B. Items not verified
`;

describe('catalogue generator', () => {
  const cat = generateCatalogue(MINI);

  it('merges §9 operations, Appendix A fields and §7 flags', () => {
    const w = cat.entities.Widgets;
    expect(w).toMatchObject({ get: true, create: true, update: true, delete: false, udfInfo: true });
    expect(w.fields.map((f) => f.name)).toEqual(['id', 'blob', 'companyID', 'name', 'size', 'state']);
    const byName = Object.fromEntries(w.fields.map((f) => [f.name, f]));
    expect(byName.companyID).toMatchObject({ type: 'integer', required: true, readOnly: true, reference: 'Company' });
    expect(byName.state).toMatchObject({ picklist: true, queryable: false, readOnly: false });
    expect(byName.name).toMatchObject({ length: 80, required: true });
    expect(byName.blob.type).toBe('base64');
    expect(byName.size.type).toBe('unknown');
    expect(byName.id).toMatchObject({ readOnly: true, required: false });
  });

  it('attaches child routes to the child entity and marks note picklists', () => {
    expect(cat.childRoutes).toEqual([
      { parent: 'Widgets', segment: 'Notes', child: 'WidgetNotes', list: true, get: true, create: true, update: true, delete: false, entityInformation: true },
    ]);
    expect(cat.entities.WidgetNotes.parentRoutes).toEqual(cat.childRoutes);
    expect(cat.entities.WidgetNotes.fields.find((f) => f.name === 'publish')?.picklist).toBe(true);
  });

  it('marks the documented "error when queried" attachment fields not queryable, with a source', () => {
    const byName = Object.fromEntries(cat.entities.WidgetAttachments.fields.map((f) => [f.name, f]));
    expect(byName.data).toMatchObject({ queryable: false, queryError: expect.stringMatching(/^official: .*by analogy/) });
    expect(byName.fileSize).toMatchObject({ queryable: false });
    expect(byName.title).toMatchObject({ queryable: true });
    expect(byName.title.queryError).toBeUndefined();
  });

  it('is deterministic and serializes with sorted keys', () => {
    const text = serializeCatalogue(cat);
    expect(serializeCatalogue(generateCatalogue(MINI))).toBe(text);
    expect(text.indexOf('"childRoutes"')).toBeLessThan(text.indexOf('"entities"'));
    expect(JSON.parse(text).entities.Widgets.name).toBe('Widgets');
  });

  it('fails loudly on input it cannot understand', () => {
    expect(() => generateCatalogue(MINI.replace('size:?', 'size:weird'))).toThrow(/unknown type weird/);
    expect(() => generateCatalogue(MINI.replace('## 9. Complete', '## 9x. Complete'))).toThrow(/heading/);
    expect(() => generateCatalogue(MINI.replace('| `companyID` | integer | Y | RO |  | ref |', '| `fooID` | integer | Y | RO |  | ref |'))).toThrow(/reference target/);
  });

  it('maps foreign-key names to Autotask reference types', () => {
    expect(referenceTarget('assignedResourceID')).toBe('Resource');
    expect(referenceTarget('assignedResourceRoleID')).toBe('Role');
    expect(referenceTarget('companyLocationID')).toBe('CompanyLocation');
    expect(referenceTarget('createdByContactID')).toBe('Contact');
    expect(referenceTarget('title')).toBeUndefined();
  });
});
