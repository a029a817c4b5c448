export declare const codeCachePath: (bundle: string) => string;
export declare function runWithCodeCache(bundle: string): void;
