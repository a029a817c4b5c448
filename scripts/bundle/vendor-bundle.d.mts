export declare const VENDOR_ENTRY: string;
export declare const VENDOR_BUNDLE: string;
export declare function buildBundle(options?: { entry?: string; outfile?: string; format?: 'cjs' | 'esm'; minify?: boolean }): Promise<string>;
export declare function bundleIsStale(outfile?: string): boolean;
