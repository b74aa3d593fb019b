/** What the three kinds of edge mean; the call edge is the one a flow by convention draws from what scripts use. */
export function EdgeLegend() {
  return (
    <ul className="edge-legend" aria-label="Edge legend">
      <li>
        <span className="edge-swatch edge-swatch-call" /> calls: the builders a script uses
      </li>
      <li>
        <span className="edge-swatch edge-swatch-response" /> response
      </li>
      <li>
        <span className="edge-swatch edge-swatch-error" /> error
      </li>
    </ul>
  );
}
