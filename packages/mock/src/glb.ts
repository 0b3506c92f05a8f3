// A minimal glTF 2.0 binary (GLB) writer: the caller fills in the JSON (nodes, meshes, skins,
// animations...) and adds its typed arrays as accessors; each lands in its own 4-byte-aligned buffer
// view of the one binary buffer. Enough for the simulator's humanoid, and nothing more. Typed arrays
// are copied as they sit in memory, which is little-endian (as glTF wants) on x64 and arm64.

export type AccessorType = 'SCALAR' | 'VEC3' | 'VEC4' | 'MAT4';

const COMPONENTS: Record<AccessorType, number> = { SCALAR: 1, VEC3: 3, VEC4: 4, MAT4: 16 };

/** WebGL buffer targets, for vertex attributes and for indices. */
export const ARRAY_BUFFER = 34962;
export const ELEMENT_ARRAY_BUFFER = 34963;

type Elements = Float32Array | Uint16Array | Uint8Array;

function componentType(data: Elements): number {
  if (data instanceof Float32Array) return 5126;
  return data instanceof Uint16Array ? 5123 : 5121;
}

export interface AccessorOptions {
  /** `bufferView.target`, for vertex attributes and indices. */
  target?: typeof ARRAY_BUFFER | typeof ELEMENT_ARRAY_BUFFER;
  /** Write `min` and `max` (required for POSITION and animation inputs). */
  bounds?: boolean;
}

type JsonObject = Record<string, unknown>;

/** The glTF JSON, with the arrays this writer fills itself kept typed. */
export interface GltfJson extends JsonObject {
  asset: { version: '2.0'; generator?: string };
  buffers: { byteLength: number }[];
  bufferViews: JsonObject[];
  accessors: JsonObject[];
}

export class GlbWriter {
  readonly json: GltfJson;
  private readonly chunks: Uint8Array[] = [];
  private byteLength = 0;

  constructor(generator: string) {
    this.json = { asset: { version: '2.0', generator }, buffers: [], bufferViews: [], accessors: [] };
  }

  /** Adds `data` as an accessor of `type` elements and returns its index. */
  accessor(data: Elements, type: AccessorType, options: AccessorOptions = {}): number {
    const width = COMPONENTS[type];
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const view: JsonObject = { buffer: 0, byteOffset: this.byteLength, byteLength: bytes.length };
    if (options.target) view.target = options.target;
    this.chunks.push(bytes, new Uint8Array(pad4(bytes.length) - bytes.length));
    this.byteLength += pad4(bytes.length);
    const accessor: JsonObject = {
      bufferView: this.json.bufferViews.push(view) - 1,
      componentType: componentType(data),
      count: data.length / width,
      type,
    };
    if (options.bounds) Object.assign(accessor, bounds(data, width));
    return this.json.accessors.push(accessor) - 1;
  }

  /** The GLB container: a 12-byte header, the JSON chunk (space-padded), the BIN chunk. */
  toBytes(): Buffer {
    this.json.buffers = [{ byteLength: this.byteLength }];
    const text = Buffer.from(JSON.stringify(this.json), 'utf8');
    const json = Buffer.concat([text, Buffer.alloc(pad4(text.length) - text.length, 0x20)]);
    const bin = Buffer.concat(this.chunks);
    const header = Buffer.alloc(12);
    header.write('glTF', 0, 'latin1');
    header.writeUInt32LE(2, 4);
    header.writeUInt32LE(12 + 8 + json.length + 8 + bin.length, 8);
    return Buffer.concat([header, chunkHeader(json.length, 'JSON'), json, chunkHeader(bin.length, 'BIN\0'), bin]);
  }
}

function pad4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

function chunkHeader(length: number, type: string): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(length, 0);
  header.write(type, 4, 'latin1');
  return header;
}

/** Per-component `min` and `max`, exactly the stored values (float32 values are exact doubles). */
function bounds(data: Elements, width: number): { min: number[]; max: number[] } {
  const min = new Array<number>(width).fill(Number.POSITIVE_INFINITY);
  const max = new Array<number>(width).fill(Number.NEGATIVE_INFINITY);
  data.forEach((value, i) => {
    const c = i % width;
    min[c] = Math.min(min[c]!, value);
    max[c] = Math.max(max[c]!, value);
  });
  return { min, max };
}
