// The live cost curve: training (and validation, where there is one) against epochs, drawn as SVG
// polylines with one point per epoch, so the curve grows as the event stream delivers epochs.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

class CostChart {
  constructor(svg) {
    this.svg = svg;
    this.reset(1);
  }

  reset(epochsTotal) {
    this.epochsTotal = Math.max(epochsTotal, 1);
    this.train = [];
    this.validation = [];
    this.draw();
  }

  add(rows) {
    for (const row of rows) {
      this.train.push([row.epoch, row.train_cost]);
      if (row.validation_cost !== null && row.validation_cost !== undefined) {
        this.validation.push([row.epoch, row.validation_cost]);
      }
    }
    if (!this.pending) {  // many events may arrive in one frame: draw once
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.draw(); });
    }
  }

  draw() {
    const width = 640, height = 300, left = 72, right = 16, top = 16, bottom = 40;
    const costs = this.train.concat(this.validation).map((p) => p[1]).filter(Number.isFinite);
    const low = costs.length ? Math.min(...costs) : 0, high = costs.length ? Math.max(...costs) : 1;
    // Costs often fall by orders of magnitude: then a log scale shows the whole descent.
    const logScale = low > 0 && high / low > 20;
    const [bottomValue, topValue] = logScale ? [Math.log10(low), Math.log10(high)] : [0, high * 1.05 || 1];
    const scale = (cost) => (logScale ? Math.log10(cost) : cost);
    const span = topValue - bottomValue || 1;
    const x = (epoch) => left + ((epoch - 1) / Math.max(this.epochsTotal - 1, 1)) * (width - left - right);
    const y = (cost) => top + (1 - (scale(cost) - bottomValue) / span) * (height - top - bottom);
    const parts = [];
    for (let i = 0; i <= 4; i++) {
      const value = bottomValue + (span * i) / 4;
      const cost = logScale ? 10 ** value : value;
      parts.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${y(cost)}" y2="${y(cost)}"/>`);
      parts.push(`<text x="${left - 6}" y="${y(cost) + 4}" text-anchor="end">${cost.toPrecision(3)}</text>`);
      const epoch = Math.round(1 + ((this.epochsTotal - 1) * i) / 4);
      parts.push(`<text x="${x(epoch)}" y="${height - bottom + 16}" text-anchor="middle">${epoch}</text>`);
    }
    parts.push(`<line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}"/>`);
    parts.push(`<line class="axis" x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}"/>`);
    parts.push(`<text x="${(left + width - right) / 2}" y="${height - 6}" text-anchor="middle">epoch</text>`);
    parts.push(`<text transform="translate(14 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">cost${logScale ? " (log scale)" : ""}</text>`);
    const points = (series) => series.filter((p) => Number.isFinite(p[1])).map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(" ");
    parts.push(`<polyline id="train-curve" data-epochs="${this.train.length}" points="${points(this.train)}"/>`);
    if (this.validation.length) {
      parts.push(`<polyline id="validation-curve" data-epochs="${this.validation.length}" points="${points(this.validation)}"/>`);
    }
    parts.push(`<text x="${width - right}" y="${top + 4}" text-anchor="end" style="fill:#1f77b4">— training</text>`);
    if (this.validation.length) {
      parts.push(`<text x="${width - right}" y="${top + 18}" text-anchor="end" style="fill:#ff7f0e">— validation</text>`);
    }
    this.svg.innerHTML = parts.join("");
  }
}
