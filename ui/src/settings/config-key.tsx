/**
 * Where a section's settings are changed: the key in `schoolgate.yaml`, and that the change
 * takes effect when Schoolgate is restarted. Shown at the top right of each section.
 */
export function ConfigKey({ file, path }: { readonly file: string; readonly path: string }) {
  return (
    <p className="settings-key">
      Change in <code>{file}</code>: <code>{path}</code>
    </p>
  );
}
