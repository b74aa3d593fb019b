// The slim monaco entry points ship without their own typings; they expose the same API as `monaco-editor`.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/language/typescript/monaco.contribution.js';
declare module 'monaco-editor/esm/vs/basic-languages/javascript/javascript.contribution.js';
