export function keepTypeImports(source: string): string;
export function rewriteDoc(doc: string, graph: string): string;
export function mirror(): void;
