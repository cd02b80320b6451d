/**
 * The small form both report actions share: an optional comment, a send button and a status
 * line. The server's answers are shown with textContent, never as HTML.
 */

export const SENT = "Thanks, your report was sent to the people who curate Caveat's claims.";

/**
 * @param {Document} doc
 * @param {{id: string, send: (comment: string) => Promise<unknown>}} options
 * @returns {HTMLFormElement}
 */
export function reportForm(doc, { id, send }) {
  const form = doc.createElement("form");
  form.className = "report-form";
  const label = doc.createElement("label");
  label.htmlFor = `${id}-comment`;
  label.textContent = "What is wrong? (optional)";
  const comment = doc.createElement("textarea");
  comment.id = `${id}-comment`;
  comment.rows = 2;
  comment.maxLength = 2000;
  const submit = doc.createElement("button");
  submit.type = "submit";
  submit.className = "send";
  submit.textContent = "Send report";
  const status = doc.createElement("p");
  status.className = "report-status";
  status.setAttribute("role", "status");
  form.append(label, comment, submit, status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    status.textContent = "Sending…";
    try {
      await send(comment.value);
      status.textContent = SENT;
      label.hidden = comment.hidden = submit.hidden = true;
    } catch (err) {
      status.textContent = `Not sent: ${String(/** @type {Error} */ (err)?.message ?? err)}`;
      submit.disabled = false;
    }
  });
  return form;
}
