/** The UT1 files of interest as read from an archive or folder, before parsing. */
export interface Ut1Raw {
  /** category -> file name (`domains`, `urls`, `expressions`, ...) -> bytes. */
  readonly files: Map<string, Map<string, Uint8Array>>;
  /** alias -> target name as written in the link. */
  readonly links: Map<string, string>;
  readonly problems: string[];
}
