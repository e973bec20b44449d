/**
 * Ribbon commands entry. The only ribbon button opens the task pane (a ShowTaskpane action in
 * manifest.xml), so there is no ExecuteFunction to associate yet. Loaded by taskpane.html, which
 * is also the FunctionFile of the shared runtime.
 */

void Office.onReady(() => {
  // Nothing to register: add Office.actions.associate(...) here when a button runs code.
});
