/** Tools of the 'catalogue' area: products, services, service bundles and price lists (read-only). */
import type { ToolDefinition } from '../types.js';
import { getProduct, searchProducts } from './products.js';
import { getService, searchServices } from './services.js';
import { searchPrices } from './price-lists.js';

export const catalogueTools: ToolDefinition[] = [searchProducts, getProduct, searchServices, getService, searchPrices];
