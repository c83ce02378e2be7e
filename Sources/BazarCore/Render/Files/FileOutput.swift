import Foundation

/// `COMMAND > FILE` / `>> FILE` (SPEC section 3): the file's extension names the format (and wins over
/// `set format`), the outcome is rendered by that format's one writer, and the file is written whole or
/// not at all (`AtomicFile`).
extension Session {
    /// The commands whose outcome is a table a workbook or page can hold.
    static func makesDocument(_ kind: CommandKind) -> Bool {
        switch kind {
        case .report, .listEvents, .listParticipants, .listProducts, .listStalls, .listSales,
             .showEvent, .showParticipant, .showProduct, .showSale:
            return true
        default:
            return false
        }
    }

    /// Refuses a redirect bazar cannot write before the command runs, so nothing is changed or created.
    func checkRedirect(_ command: ParsedCommand) throws {
        guard let redirect = command.redirect else { return }
        let format: FileFormat?
        do {
            format = try FileFormat.forPath(redirect.path)
        } catch var e as BazarError {
            e.span = redirect.span
            throw e
        }
        guard let format, format.isDocument else { return }
        if redirect.append { throw BazarError(.cannotAppendDocument(ext: format.name), at: redirect.span) }
        let report = command.kind == .report
        if !Session.makesDocument(command.kind) || (format == .svg && !report) {
            let allowed = format == .svg ? "a chart (.svg) is drawn for reports; write .xlsx or .html, or a text format"
                : "reports and lists can be written as .xlsx, .html and .svg; write this one as .txt, .md, .csv or .json"
            throw BazarError(.formatNotForCommand(ext: format.name, command: command.spec.name, allowed: allowed), at: redirect.span)
        }
    }

    /// Writes an outcome to the redirect's file.
    func writeFile(_ outcome: Outcome, for command: ParsedCommand, to redirect: Redirect) throws {
        let format = (try? FileFormat.forPath(redirect.path)) ?? nil
        let chosen = format ?? .text(settings.format)
        var outcome = outcome
        if chosen == .xlsx || chosen == .html || chosen == .text(.csv) { outcome = try withNames(outcome, for: command.kind) }
        do {
            switch chosen {
            case .text(let f):
                var text = Renderer.render(outcome, as: f)
                try AtomicFile.write(redirect.path, keep: redirect.append) { _, fd in
                    // A BOM starts the file, never the middle of one that is appended to.
                    if f == .csv && settings.csvBom && (!redirect.append || Session.isEmptyFile(redirect.path)) {
                        text = "\u{FEFF}" + text
                    }
                    try AtomicFile.writeAll(fd, Array(text.utf8)) { BazarError(.cannotWriteFile(path: redirect.path, reason: $0)) }
                }
            case .xlsx:
                let (doc, sheet) = try document(outcome, command)
                try AtomicFile.write(redirect.path, keep: false) { temp, _ in
                    do {
                        try XlsxWriter.write(doc, sheetName: sheet, to: temp)
                    } catch let e as BazarError {
                        // libxlsxwriter names the temporary file; the officer knows the target.
                        if case .cannotWriteFile(_, let reason) = e.problem {
                            throw BazarError(.cannotWriteFile(path: redirect.path, reason: reason))
                        }
                        throw e
                    }
                }
            case .html:
                let (doc, _) = try document(outcome, command)
                let page = HtmlPage.render(doc)
                try AtomicFile.write(redirect.path, keep: false) { _, fd in
                    try AtomicFile.writeAll(fd, Array(page.utf8)) { BazarError(.cannotWriteFile(path: redirect.path, reason: $0)) }
                }
            case .svg:
                let (doc, _) = try document(outcome, command)
                let svg = SvgChart.render(doc.chart, title: doc.title, standalone: true)
                try AtomicFile.write(redirect.path, keep: false) { _, fd in
                    try AtomicFile.writeAll(fd, Array(svg.utf8)) { BazarError(.cannotWriteFile(path: redirect.path, reason: $0)) }
                }
            }
        } catch var e as BazarError {
            if e.span == nil { e.span = redirect.span }
            throw e
        }
    }

    /// The neutral document of a report, cross-tab or list, and its sheet's name.
    func document(_ outcome: Outcome, _ command: ParsedCommand) throws -> (HandOut, String) {
        switch outcome {
        case .report(let r): return (HandOut(report: r), "report")
        case .crossTab(let x): return (try HandOut(crossTab: x), "cross-tab")
        case .table(let t), .record(let t):
            var title = command.line.text
            if let r = title.range(of: ">", options: .backwards) { title = String(title[..<r.lowerBound]) }
            return (HandOut(table: t, title: title.trimmingCharacters(in: .whitespaces)), "list")
        default:
            throw BazarError(.formatNotForCommand(ext: "xlsx", command: command.spec.name, allowed: "write it as .txt"))
        }
    }

    static func isEmptyFile(_ path: String) -> Bool {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) == 0
    }
}
