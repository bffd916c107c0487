// The import job page: polls the job's progress (JSON, sent with the sign-in cookie) and moves the bar and the status
// in place, with no page reload. When the job ends it fetches the page once and swaps in the server-rendered report
// and counts, so they are rendered in one place only. Without script the page refreshes itself (a <noscript> meta
// refresh) and has a Refresh link, which stays as the way out if polling keeps failing.
(() => {
  const job = document.getElementById('job');
  if (!job) return;
  const finished = status => status === 'succeeded' || status === 'failed';
  if (finished(job.dataset.status)) return;

  const url = job.dataset.progressUrl;
  const bar = document.getElementById('job-progress');
  const count = document.getElementById('job-count');
  const state = document.getElementById('job-state');
  const refresh = document.getElementById('job-refresh');
  // The same words and classes as JobStatusTag.razor.
  const labels = { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed' };
  const classes = { queued: '', running: 'tag-amber', succeeded: 'tag-green', failed: 'tag-red' };
  const number = n => n.toLocaleString('en-GB');
  let failures = 0;

  const show = p => {
    const max = Math.max(p.total, 1);
    bar.max = max;
    bar.value = Math.min(p.processed, max);
    const text = `${number(p.processed)} of ${number(p.total)} rows`;
    bar.textContent = text;
    count.textContent = text;
    if (job.dataset.status !== p.status) {
      job.dataset.status = p.status;
      // Inside the aria-live region: a change of status is announced, the moving count is not.
      state.textContent = labels[p.status] ?? p.status;
      state.className = `tag ${classes[p.status] ?? ''}`.trim();
    }
  };

  const showReport = async () => {
    const page = await fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    const result = page.ok ? new DOMParser().parseFromString(await page.text(), 'text/html').getElementById('job-result') : null;
    if (!result) throw new Error('no report');
    document.getElementById('job-result').innerHTML = result.innerHTML;
    refresh?.remove();
  };

  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) throw new Error(`HTTP ${response.status}`);
      const progress = await response.json();
      failures = 0;
      if (finished(progress.status)) {
        try {
          await showReport();
        } catch {
          location.reload(); // the report could not be fetched: the whole page has it
          return;
        }
        show(progress);
        return;
      }
      show(progress);
    } catch {
      // Signed out, offline or the server restarting: slow down, and after a while leave it to the Refresh link.
      if (++failures >= 10) {
        if (refresh) refresh.replaceChildren('Progress could not be fetched for a while. ', refresh.querySelector('a') ?? '');
        return;
      }
    }
    setTimeout(poll, failures ? 1000 * Math.min(failures * 2, 10) : 1000);
  };
  setTimeout(poll, 500);
})();
