export declare function serveArgs(argv: string[]): string[];
