/// The chart of omzet per row as SVG (SPEC section 10): columns for time (months, days), horizontal bars
/// otherwise, the value axis labelled in rupiah words (`Rp 18,9 jt`). Inline in the HTML page, or alone in
/// a `.svg` file for a slide. Nothing in it is fetched or run: no script, no links, system fonts.
enum SvgChart {
    /// At most this many bars are drawn; the table keeps every row (rows come sorted by omzet, so these are the largest).
    static let maxBars = 60
    static let width = 760

    static func render(_ chart: HandOut.Chart?, title: String, standalone: Bool) -> String {
        guard let chart, !chart.values.isEmpty else {
            return svg(width: width, height: 60, standalone: standalone, title: title,
                       body: "<text x=\"10\" y=\"35\" class=\"note\">\(escape("no rows: nothing to draw"))</text>")
        }
        return chart.isTime ? columns(chart, title: title, standalone: standalone) : bars(chart, title: title, standalone: standalone)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func svg(width: Int, height: Int, standalone: Bool, title: String, body: String) -> String {
        let head = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        // A page's inline SVG needs no namespace (HTML puts it there): the page then names no address at all.
        let namespace = standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : ""
        return head + "<svg\(namespace) width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
            + " role=\"img\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" font-size=\"11\">\n"
            + "<title>\(escape(title))</title>\n"
            + "<style>.axis{fill:#555}.label{fill:#222}.bar{fill:#2f6f9f}.grid{stroke:#ddd;stroke-width:1}.note{fill:#555;font-style:italic}.head{font-weight:bold;font-size:13px}</style>\n"
            + body + "</svg>\n"
    }

    /// Ticks from 0 to the top of the axis.
    static func ticks(_ maximum: Int64) -> (step: Int64, top: Int64) {
        let step = RupiahWords.niceStep(maximum)
        var top = step
        while top < maximum { top += step }
        return (step, top)
    }

    static func scaled(_ value: Int64, _ top: Int64, _ length: Int) -> Double {
        top <= 0 ? 0 : Double(length) * Double(max(0, value)) / Double(top)
    }

    static func shortened(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }

    /// Horizontal bars, one per row, largest first as the table sorts them.
    static func bars(_ chart: HandOut.Chart, title: String, standalone: Bool) -> String {
        let shown = min(chart.values.count, maxBars)
        let labels = chart.labels.prefix(shown).map { shortened($0, 30) }
        let values = Array(chart.values.prefix(shown))
        let labelWidth = min(220, 12 + 7 * (labels.map(\.count).max() ?? 0))
        let rowHeight = 20, top = 40, right = 90
        let plot = width - labelWidth - right
        let (step, axisTop) = ticks(values.max() ?? 0)
        let plotHeight = shown * rowHeight
        let height = top + plotHeight + 30 + (shown < chart.values.count ? 18 : 0)
        var b = "<text x=\"10\" y=\"20\" class=\"head\">\(escape(chart.title))</text>\n"
        var t: Int64 = 0
        while t <= axisTop {
            let x = Double(labelWidth) + scaled(t, axisTop, plot)
            b += "<line class=\"grid\" x1=\"\(f(x))\" y1=\"\(top - 4)\" x2=\"\(f(x))\" y2=\"\(top + plotHeight)\"/>"
            b += "<text class=\"axis\" x=\"\(f(x))\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\">\(escape(RupiahWords.format(t)))</text>\n"
            t += step
        }
        for (i, v) in values.enumerated() {
            let y = top + i * rowHeight
            let w = scaled(v, axisTop, plot)
            b += "<text class=\"label\" x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(labels[i]))</text>"
            b += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(f(w))\" height=\"\(rowHeight - 6)\"><title>\(escape(chart.labels[i] + ": " + Money.format(v)))</title></rect>"
            b += "<text class=\"axis\" x=\"\(f(Double(labelWidth) + w + 4))\" y=\"\(y + 14)\">\(escape(RupiahWords.format(v)))</text>\n"
        }
        if shown < chart.values.count {
            b += "<text class=\"note\" x=\"10\" y=\"\(height - 6)\">\(escape("the \(shown) largest of \(chart.values.count) rows"))</text>\n"
        }
        return svg(width: width, height: height, standalone: standalone, title: title, body: b)
    }

    /// Vertical columns in time order, labels under them (slanted when there are many).
    static func columns(_ chart: HandOut.Chart, title: String, standalone: Bool) -> String {
        let n = chart.values.count
        let left = 80, top = 40, plotHeight = 260
        let plot = width - left - 20
        let slot = Double(plot) / Double(n)
        let slanted = n > 12 || (chart.labels.map(\.count).max() ?? 0) * 7 > Int(slot)
        let bottom = slanted ? 80 : 30
        let height = top + plotHeight + bottom
        let (step, axisTop) = ticks(chart.values.max() ?? 0)
        var b = "<text x=\"10\" y=\"20\" class=\"head\">\(escape(chart.title))</text>\n"
        var t: Int64 = 0
        while t <= axisTop {
            let y = Double(top + plotHeight) - scaled(t, axisTop, plotHeight)
            b += "<line class=\"grid\" x1=\"\(left)\" y1=\"\(f(y))\" x2=\"\(left + plot)\" y2=\"\(f(y))\"/>"
            b += "<text class=\"axis\" x=\"\(left - 6)\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(escape(RupiahWords.format(t)))</text>\n"
            t += step
        }
        let labelEvery = max(1, Int((Double(n) * 14 / Double(plot)).rounded(.up)))
        for (i, v) in chart.values.enumerated() {
            let h = scaled(v, axisTop, plotHeight)
            let x = Double(left) + slot * Double(i)
            let bw = max(1, slot * 0.7)
            b += "<rect class=\"bar\" x=\"\(f(x + (slot - bw) / 2))\" y=\"\(f(Double(top + plotHeight) - h))\" width=\"\(f(bw))\" height=\"\(f(h))\"><title>\(escape(chart.labels[i] + ": " + Money.format(v)))</title></rect>\n"
            // Each column's value over it, where there is room to read it.
            if slot >= 44 && v > 0 {
                b += "<text class=\"axis\" x=\"\(f(x + slot / 2))\" y=\"\(f(Double(top + plotHeight) - h - 4))\" text-anchor=\"middle\">\(escape(RupiahWords.format(v)))</text>\n"
            }
            guard i % labelEvery == 0 else { continue }
            let cx = x + slot / 2, ly = top + plotHeight + 14
            let label = escape(shortened(chart.labels[i], 16))
            b += slanted
                ? "<text class=\"label\" x=\"\(f(cx))\" y=\"\(ly)\" text-anchor=\"end\" transform=\"rotate(-45 \(f(cx)) \(ly))\">\(label)</text>\n"
                : "<text class=\"label\" x=\"\(f(cx))\" y=\"\(ly)\" text-anchor=\"middle\">\(label)</text>\n"
        }
        return svg(width: width, height: height, standalone: standalone, title: title, body: b)
    }

    /// A coordinate with one decimal.
    static func f(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
