// Charts drawn on the server as SVG with visx (no JavaScript needed), each followed by the table behind it.
// The SVG is one image to assistive technology (role="img" with a text alternative); the table carries the numbers.
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import type { ReactNode } from 'react';

/** Colours with at least 4.5:1 contrast on white, told apart also by the legend's order and the table. */
export const seriesColours = ['#0b5cad', '#a14400', '#17602e', '#6b3fa0'] as const;

export interface Series {
  name: string;
}

export interface ChartRow {
  label: string;
  values: number[];
}

interface ChartProps {
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence. */
  summary: string;
  series: Series[];
  rows: ChartRow[];
  format?: (v: number) => string;
  /** Extra columns of the table only (not drawn). */
  extra?: { name: string; cells: ReactNode[] };
  rowHeader: string;
}

const WIDTH = 640;

function Legend({ series }: { series: Series[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s, i) => (
        <li key={s.name}>
          <span className="swatch" style={{ background: seriesColours[i % seriesColours.length] }} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}

function DataTable({ id, title, series, rows, format = String, extra, rowHeader }: ChartProps) {
  return (
    // Focusable and named, so a keyboard can scroll the table sideways where it is wider than a phone's screen.
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-table-caption`}>
      <table id={`${id}-table`}>
        <caption id={`${id}-table-caption`}>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
            {extra ? <th scope="col">{extra.name}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.label}-${i}`}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, j) => (
                <td key={j} className="num">
                  {format(v)}
                </td>
              ))}
              {extra ? <td>{extra.cells[i]}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Horizontal bars, one group per row: labels stay readable on a phone however long they are. */
export function BarsChart(props: ChartProps) {
  const { id, title, summary, series, rows, format = String } = props;
  const labelWidth = 150;
  const groupHeight = Math.max(22, series.length * 14 + 8);
  const height = rows.length * groupHeight + 40;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const y = scaleBand<string>({ domain: rows.map((r, i) => `${i}`), range: [0, rows.length * groupHeight], padding: 0.2 });
  const x = scaleLinear<number>({ domain: [0, max], range: [0, WIDTH - labelWidth - 30], nice: true });
  const inner = scaleBand<number>({ domain: series.map((_, i) => i), range: [0, y.bandwidth()], padding: 0.1 });
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {rows.length ? (
        <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" className="chart-svg">
          <Group left={labelWidth} top={8}>
            {rows.map((r, i) =>
              r.values.map((v, j) => (
                <Bar key={`${i}-${j}`} x={0} y={(y(`${i}`) ?? 0) + (inner(j) ?? 0)} width={Math.max(0, x(v) ?? 0)} height={inner.bandwidth()} fill={seriesColours[j % seriesColours.length]} />
              )),
            )}
            <AxisLeft scale={y} tickFormat={(v) => truncate(rows[Number(v)]?.label ?? '', 12)} stroke="#4a5560" tickStroke="#4a5560" tickLabelProps={{ fill: '#1d2329', fontSize: 12, textAnchor: 'end' }} />
            <AxisBottom top={rows.length * groupHeight} scale={x} numTicks={4} tickFormat={(v) => format(Number(v))} stroke="#4a5560" tickStroke="#4a5560" tickLabelProps={{ fill: '#1d2329', fontSize: 11, textAnchor: 'middle' }} />
          </Group>
        </svg>
      ) : null}
      <Legend series={series} />
      <DataTable {...props} />
    </figure>
  );
}

/** Columns over time (months or weeks), grouped by series. */
export function ColumnsChart(props: ChartProps) {
  const { id, title, summary, series, rows, format = String } = props;
  const height = 240;
  const left = 64;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const x = scaleBand<string>({ domain: rows.map((r, i) => `${i}`), range: [0, WIDTH - left - 10], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [0, max], range: [height - 40, 0], nice: true });
  const inner = scaleBand<number>({ domain: series.map((_, i) => i), range: [0, x.bandwidth()], padding: 0.05 });
  const every = Math.max(1, Math.ceil(rows.length / 12));
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" className="chart-svg">
        <Group left={left} top={10}>
          {rows.map((r, i) =>
            r.values.map((v, j) => {
              const top = y(v) ?? 0;
              return <Bar key={`${i}-${j}`} x={(x(`${i}`) ?? 0) + (inner(j) ?? 0)} y={top} width={inner.bandwidth()} height={Math.max(0, height - 40 - top)} fill={seriesColours[j % seriesColours.length]} />;
            }),
          )}
          <AxisLeft scale={y} numTicks={4} tickFormat={(v) => format(Number(v))} stroke="#4a5560" tickStroke="#4a5560" tickLabelProps={{ fill: '#1d2329', fontSize: 11, textAnchor: 'end' }} />
          <AxisBottom
            top={height - 40}
            scale={x}
            tickValues={rows.map((_, i) => `${i}`).filter((_, i) => i % every === 0)}
            tickFormat={(v) => rows[Number(v)]?.label ?? ''}
            stroke="#4a5560"
            tickStroke="#4a5560"
            tickLabelProps={{ fill: '#1d2329', fontSize: 11, textAnchor: 'middle' }}
          />
        </Group>
      </svg>
      <Legend series={series} />
      <DataTable {...props} />
    </figure>
  );
}

function truncate(s: string, n: number) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
