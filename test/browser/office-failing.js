/* global window */
/*
 * Served as office.js where a browser test needs Excel to fail (test/browser/a11y.test.ts): the
 * real library cannot be made to say "Excel" outside Office, so this stand-in does. Office.onReady
 * resolves with host Excel, so the pane takes its Office.js port; every Excel.run then rejects as a
 * failed context.sync() does, with Excel's "GeneralException" and its documented message (Excel's
 * error codes: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 * The document's settings read as empty. CustomFunctions is the shared runtime's, for functions.js.
 */
(function () {
  var info = { host: "Excel", platform: "OfficeOnline" };
  function ExcelError() {
    this.name = "RichApi.Error";
    this.code = "GeneralException";
    this.message = "There was an internal error while processing the request.";
  }
  ExcelError.prototype = Object.create(Error.prototype);
  window.Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      document: {
        settings: {
          get: function () {
            return null;
          },
          set: function () {},
          saveAsync: function (callback) {
            if (callback) callback({ status: "succeeded" });
          },
        },
      },
      requirements: {
        isSetSupported: function () {
          return true;
        },
      },
    },
    onReady: function (callback) {
      return new Promise(function (resolve) {
        setTimeout(function () {
          if (callback) callback(info);
          resolve(info);
        }, 0);
      });
    },
  };
  window.Excel = {
    run: function () {
      window.__excelCalls = (window.__excelCalls || 0) + 1;
      return Promise.reject(new ExcelError());
    },
  };
  window.CustomFunctions = {
    associate: function () {},
  };
})();
