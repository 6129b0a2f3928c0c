export declare const SERVER_BUNDLE: string;
export declare function ensureFreshBuild(root: string, log: (msg: string) => void): Promise<void>;
