// Zinnia (libzinnia0) through koffi, in process: the model (26 MB, Debian's tegaki-zinnia-simplified-chinese)
// is read once at start-up and a classification is a plain C call. The `zinnia` program would read the
// model again for every character (see tests/bench/handwriting.ts for the figures that chose this).
import { accessSync, constants } from 'node:fs';
import koffi, { type LibraryHandle, type TypeObject } from 'koffi';

export const ZINNIA_LIBRARY = 'libzinnia.so.0';
export const ZINNIA_MODEL = '/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model';

interface ZinniaApi {
  recognizerNew(): unknown;
  recognizerOpen(r: unknown, path: string): number;
  recognizerStrerror(r: unknown): string;
  recognizerDestroy(r: unknown): void;
  characterNew(): unknown;
  characterSetWidth(c: unknown, w: number): void;
  characterSetHeight(c: unknown, h: number): void;
  characterAdd(c: unknown, id: number, x: number, y: number): number;
  characterDestroy(c: unknown): void;
  classify(r: unknown, c: unknown, nbest: number): unknown;
  resultValue(res: unknown, i: number): string;
  resultScore(res: unknown, i: number): number;
  resultSize(res: unknown): number;
  resultDestroy(res: unknown): void;
}

// koffi's type names are global to the process: declared once, used by every binding.
let types: { R: TypeObject; C: TypeObject; S: TypeObject } | null = null;
const bound = new Map<string, ZinniaApi>();

function bind(lib: LibraryHandle): ZinniaApi {
  types ??= {
    R: koffi.pointer(koffi.opaque('zinnia_recognizer_t')),
    C: koffi.pointer(koffi.opaque('zinnia_character_t')),
    S: koffi.pointer(koffi.opaque('zinnia_result_t')),
  };
  const { R, C, S } = types;
  return {
    recognizerNew: lib.func('zinnia_recognizer_new', R, []),
    recognizerOpen: lib.func('zinnia_recognizer_open', 'int', [R, 'str']),
    recognizerStrerror: lib.func('zinnia_recognizer_strerror', 'str', [R]),
    recognizerDestroy: lib.func('zinnia_recognizer_destroy', 'void', [R]),
    characterNew: lib.func('zinnia_character_new', C, []),
    characterSetWidth: lib.func('zinnia_character_set_width', 'void', [C, 'size_t']),
    characterSetHeight: lib.func('zinnia_character_set_height', 'void', [C, 'size_t']),
    characterAdd: lib.func('zinnia_character_add', 'int', [C, 'size_t', 'int', 'int']),
    characterDestroy: lib.func('zinnia_character_destroy', 'void', [C]),
    classify: lib.func('zinnia_recognizer_classify', S, [R, C, 'size_t']),
    resultValue: lib.func('zinnia_result_value', 'str', [S, 'size_t']),
    resultScore: lib.func('zinnia_result_score', 'float', [S, 'size_t']),
    resultSize: lib.func('zinnia_result_size', 'size_t', [S]),
    resultDestroy: lib.func('zinnia_result_destroy', 'void', [S]),
  };
}

export interface ZinniaCandidate {
  char: string;
  score: number;
}

/** One open model. Strokes are in the character's own box (width × height), integer points. */
export interface Zinnia {
  classify(
    width: number,
    height: number,
    strokes: readonly (readonly (readonly [number, number])[])[],
    nbest: number,
  ): ZinniaCandidate[];
  close(): void;
}

/** Open the library and the model; throws an Error with a Chinese reason when either is missing. */
/**
 * Whether Zinnia can be used, without reading its 27 MB model (issue 26: the model is opened on first use):
 * the library loads and the model file is readable. Throws the same Chinese reasons as openZinnia.
 */
export function checkZinnia(model = ZINNIA_MODEL, library = ZINNIA_LIBRARY): void {
  try {
    koffi.load(library);
  } catch (err) {
    throw new Error(`找不到手写识别库 ${library}（请安装 Debian 软件包 libzinnia0）：${(err as Error).message}`);
  }
  try {
    accessSync(model, constants.R_OK);
  } catch (err) {
    throw new Error(
      `无法打开手写识别模型 ${model}（请安装 Debian 软件包 tegaki-zinnia-simplified-chinese）：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

export function openZinnia(model = ZINNIA_MODEL, library = ZINNIA_LIBRARY): Zinnia {
  let lib: LibraryHandle;
  try {
    lib = koffi.load(library);
  } catch (err) {
    throw new Error(`找不到手写识别库 ${library}（请安装 Debian 软件包 libzinnia0）：${(err as Error).message}`);
  }
  const api = bound.get(library) ?? bind(lib);
  bound.set(library, api);
  const recognizer = api.recognizerNew();
  if (!api.recognizerOpen(recognizer, model)) {
    const why = api.recognizerStrerror(recognizer);
    api.recognizerDestroy(recognizer);
    throw new Error(`无法打开手写识别模型 ${model}（请安装 Debian 软件包 tegaki-zinnia-simplified-chinese）：${why}`);
  }
  let open = true;
  return {
    classify(width, height, strokes, nbest) {
      if (!open) throw new Error('手写识别模型已关闭');
      const c = api.characterNew();
      try {
        api.characterSetWidth(c, width);
        api.characterSetHeight(c, height);
        strokes.forEach((stroke, id) => {
          for (const [x, y] of stroke) api.characterAdd(c, id, Math.round(x), Math.round(y));
        });
        const result = api.classify(recognizer, c, nbest);
        if (!result) return [];
        try {
          const n = api.resultSize(result);
          const out: ZinniaCandidate[] = [];
          for (let i = 0; i < n; i++) out.push({ char: api.resultValue(result, i), score: api.resultScore(result, i) });
          return out;
        } finally {
          api.resultDestroy(result);
        }
      } finally {
        api.characterDestroy(c);
      }
    },
    close() {
      if (!open) return;
      open = false;
      api.recognizerDestroy(recognizer);
    },
  };
}
