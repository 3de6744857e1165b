// Live status of a background job (such as "Vernieuw cijfers"): while the job
// waits or runs, ask its page for the JSON status every two seconds, update the
// progress bar and the live region, and reload the page when the job ends so
// its full result shows. Without JavaScript the page offers a reload link.
(() => {
  const root = document.querySelector('[data-koers-job-url]');
  if (!root) return;
  const url = root.getAttribute('data-koers-job-url');
  const active = (status) => status === 'queued' || status === 'running';
  if (!url || !active(root.getAttribute('data-koers-job-status'))) return;
  const bar = document.getElementById('taak-voortgang');
  const live = root.querySelector('[data-koers-job-live] p');
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const job = await response.json();
      if (!active(job.status)) {
        window.location.reload();
        return;
      }
      if (bar && typeof job.progressTotal === 'number' && job.progressTotal > 0) {
        bar.max = job.progressTotal;
        bar.value = Math.min(job.progressDone, job.progressTotal);
      }
      if (live && job.message) live.textContent = job.message;
    } catch {
      // A failed poll is tried again at the next tick.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
})();
