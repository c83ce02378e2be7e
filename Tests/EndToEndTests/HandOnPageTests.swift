import Foundation
import Testing

/// The page (`.html`) and the chart (`.svg`), SPEC section 10: self-contained (no script, nothing fetched), the
/// same figures as the report, axis labels in rupiah words; and real programs open what bazar writes:
/// LibreOffice converts the workbook to PDF, headless Chromium renders the page.
@Suite struct HandOnPageTests {
    static let jakpus = Bazar.root.appendingPathComponent("Tests/Seeds/jakpus-hybrid-2021.bazar").path
    static let borju = Bazar.root.appendingPathComponent("Tests/Seeds/borju-2020.bazar").path

    /// Everything that would make a page load or run something.
    static func expectSelfContained(_ html: String, _ what: String) {
        let lower = html.lowercased()
        for bad in ["<script", "javascript:", "http:", "https:", "src=", "url(", "@import", "<link", "<iframe", "<object", "<embed", "href="] {
            #expect(!lower.contains(bad), "\(what): contains \(bad)")
        }
        #expect(!lower.contains(" on") || !lower.contains("onload="), "\(what): no event handlers")
    }

    @Test func thePageIsSelfContainedAndCarriesTheReport() throws {
        let store = try LoadedStore(script: Self.borju)
        let json = try store.json(["report year 2020 program BORJU"])[0]
        let page = store.dir.path("borju.html"), chart = store.dir.path("borju.svg")
        let r = try store.run(["report year 2020 program BORJU > \(page)", "report year 2020 program BORJU > \(chart)",
                               "list participants limit 5 > \(store.dir.path("p.html"))"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        Self.expectSelfContained(html, "report page")
        Self.expectSelfContained(try String(contentsOfFile: store.dir.path("p.html"), encoding: .utf8), "list page")
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("@page { size: A4 portrait;"), "prints on A4")
        #expect(html.contains("<h1>report year 2020 · program BORJU · by month</h1>"))
        #expect(html.contains("<svg ") && html.contains("<rect class=\"bar\""), "an inline chart")
        // The totals and every row's omzet, in rupiah.
        #expect(html.contains("Rp 105.890.050"))
        #expect(html.contains("best month: 2020-08 · Rp 18.944.500 (17.9%) · 356 products from 127 participants"))
        for row in json.rows {
            let omzet = ReportJSON.int(row["omzet"])!
            #expect(html.contains("<td>\(row["key"] as! String)</td><td class=\"n\">Rp \(Self.dotted(omzet))</td>"), "\(row)")
        }
        // Axis labels a reader can read: Rp 18,9 jt style.
        let words = html.components(separatedBy: "class=\"axis\"").dropFirst().compactMap { $0.split(separator: ">").dropFirst().first?.split(separator: "<").first }
        #expect(words.contains { $0.hasPrefix("Rp ") && $0.hasSuffix(" jt") }, "\(words)")
        #expect(html.contains(">Rp 18,9 jt<"), "August's bar is labelled Rp 18,9 jt")
        // The chart alone: an SVG document with the same bars, and nothing that loads or runs.
        let svg = try String(contentsOfFile: chart, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: "<rect class=\"bar\"").count - 1 == json.rows.count)
        #expect(!svg.lowercased().contains("<script") && !svg.contains("href"))
        #expect(!svg.contains("<table"))
    }

    static func dotted(_ n: Int64) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return out
    }

    @Test(arguments: [(Int64(950), "Rp 950"), (25_000, "Rp 25 rb"), (12_500, "Rp 12,5 rb"), (18_944_500, "Rp 18,9 jt"),
                      (1_000_000, "Rp 1 jt"), (999_960, "Rp 1 jt"), (999_940, "Rp 1 jt"), (949_000, "Rp 949 rb"), (3_300_000_000, "Rp 3,3 M"), (105_890_050, "Rp 105,9 jt"),
                      (1_250_000_000_000, "Rp 1,3 T"), (0, "Rp 0")])
    func rupiahWordsOnAxes(_ amount: Int64, _ words: String) throws {
        let store = try LoadedStore(scriptText: """
            add participant a name A
            add participant b name B
            open event e on 2021-09-23 mode offline
            add sale a amount \(max(amount, 1))
            add sale b amount 1

            """)
        let path = store.dir.path("c.svg")
        let r = try store.run(["report event e by participant > \(path)"])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        if amount > 1 { #expect(svg.contains(">\(words)</text>"), "\(words): \(svg)") }
    }

    @Test(.enabled(if: Reader.which("soffice") != nil, "LibreOffice is not installed (Debian libreoffice-calc): the workbook is not opened"))
    func libreOfficeOpensTheWorkbook() throws {
        let store = try LoadedStore(script: Self.jakpus)
        let r = try store.run(["report event jakpus-2021-09 by kecamatan > \(store.dir.path("kec.xlsx"))",
                               "report event jakpus-2021-09 by kecamatan by day > \(store.dir.path("silang.xlsx"))"])
        #expect(r.status == 0, "\(r.stderr)")
        // Its own profile, so that it runs beside any other LibreOffice.
        let profile = store.dir.path("lo-profile")
        let started = Date()
        let lo = try Reader.run(Reader.which("soffice")!, ["-env:UserInstallation=file://\(profile)", "--headless", "--convert-to", "pdf",
                                                         "--outdir", store.dir.path("pdf"), store.dir.path("kec.xlsx"), store.dir.path("silang.xlsx")])
        print("HandOnPageTests: LibreOffice converted two workbooks in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        #expect(lo.status == 0, "\(lo.stderr)")
        for name in ["kec.pdf", "silang.pdf"] {
            let data = FileManager.default.contents(atPath: store.dir.path("pdf/" + name)) ?? Data()
            #expect(data.count > 5_000 && data.prefix(5) == Data("%PDF-".utf8), "\(name): \(data.count) bytes")
        }
        if let pdftotext = Reader.which("pdftotext") {
            let text = try Reader.run(pdftotext, ["-layout", store.dir.path("pdf/silang.pdf"), "-"]).stdout
            #expect(text.contains("Kemayoran") && text.contains("87,922,000") || text.contains("87.922.000"), "\(text)")
        }
    }

    @Test(.enabled(if: Reader.which("chromium") != nil, "Chromium is not installed: the page is not rendered"))
    func chromiumRendersThePage() throws {
        let store = try LoadedStore(script: Self.jakpus)
        let page = store.dir.path("kec.html")
        let r = try store.run(["report event jakpus-2021-09 by kecamatan by day > \(page)"])
        #expect(r.status == 0, "\(r.stderr)")
        let shot = store.dir.path("kec.png"), pdf = store.dir.path("kec.pdf")
        let c = try Reader.run(Reader.which("chromium")!, ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(store.dir.path("chrome"))",
                                                          "--screenshot=\(shot)", "--window-size=900,1100", "file://\(page)"])
        #expect(c.status == 0, "\(c.stderr)")
        let png = FileManager.default.contents(atPath: shot) ?? Data()
        #expect(png.count > 20_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "a picture: \(png.count) bytes")
        // Printed: A4 portrait, one page.
        let p = try Reader.run(Reader.which("chromium")!, ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(store.dir.path("chrome"))",
                                                          "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(page)"])
        #expect(p.status == 0, "\(p.stderr)")
        if let pdfinfo = Reader.which("pdfinfo") {
            let info = try Reader.run(pdfinfo, [pdf]).stdout
            #expect(info.contains("594.96 x 841.92 pts (A4)") && info.contains("Pages:           1"), "A4 portrait, one page: \(info)")
        }
    }
}
