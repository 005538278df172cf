// Runs pa11y (HTML_CodeSniffer, WCAG 2 AA) over a list of addresses at each given width, in one Chromium,
// two pages at a time, and prints every issue as one JSON list. Used by tests/site/test_validators.py.
// Usage: node pa11y-pages.js CHROMIUM WIDTHS URL... (WIDTHS e.g. "1280,375")
"use strict";
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function main() {
  const [chromium, widths, ...urls] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: chromium,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const jobs = [];
  for (const url of urls) for (const width of widths.split(",")) jobs.push({ url, width: Number(width) });
  const issues = [];
  async function worker() {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const result = await pa11y(job.url, {
        browser,
        standard: "WCAG2AA",
        runners: ["htmlcs"],
        viewport: { width: job.width, height: 900 },
        timeout: 60000,
      });
      for (const issue of result.issues) issues.push({ url: job.url, width: job.width, ...issue });
    }
  }
  try {
    await Promise.all([worker(), worker()]);
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(issues));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(2);
});
