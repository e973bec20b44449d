/* global window */
/*
 * Stand-in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the browser test:
 * Office.onReady resolves with no host (as office.js does outside Office), so the pane runs on its
 * in-memory sample workbook. CustomFunctions is stubbed as Excel's shared runtime provides it, so
 * the functions bundle loaded by the same page can register without a host.
 */
(function () {
  var info = { host: null, platform: null };
  window.Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady: function (callback) {
      return new Promise(function (resolve) {
        setTimeout(function () {
          if (callback) callback(info);
          resolve(info);
        }, 0);
      });
    },
  };
  function StubError(code, message) {
    this.code = code;
    this.message = message;
  }
  window.CustomFunctions = {
    Error: StubError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    associate: function () {},
  };
  window.__officeStub = true;
})();
