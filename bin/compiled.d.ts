export declare const ROOT: string;
export declare const DIST: string;
export declare const STAMP_NAME: string;
export type Stamp = [size: number, mtimeMs: number];
export declare function stampOf(relativePath: string, root?: string): Stamp | null;
export declare function stampsHold(stamps: Record<string, Stamp | null>, root?: string): boolean;
export declare function compiledCli(root?: string): string | null;
export declare function loadMain(root?: string): Promise<(argv: string[]) => Promise<number>>;
