// Folder-level layering for src: no folder imports another folder that imports it back (directly or through
// others). dependency-cruiser counts a folder's imports together with its subfolders', so src/process, the one
// place that composes the API with the workers/ pool, is left out here; the module rules in
// .dependency-cruiser.cjs still check it and keep every other src file away from workers/.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular-folders",
      comment: "No folder imports another folder that imports it back (directly or through others).",
      severity: "error",
      scope: "folder",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/process/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
