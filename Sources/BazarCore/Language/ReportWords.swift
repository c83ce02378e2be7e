/// The words of a report that a person reads, in the current language: totals and column
/// headings, the title, month names. JSON keeps its field names (`omzet`, `achievement_pct`):
/// they are the machine interface, the same in both languages.
enum ReportWords {
    /// A total's or a column's label from its JSON name (`achievement_pct` → `achievement` / `capaian`).
    static func label(_ name: String) -> String {
        Language.current == .id ? (indonesian[name] ?? name) : (english[name] ?? name)
    }

    static let english: [String: String] = ["achievement_pct": "achievement", "share_pct": "share"]

    /// Bahasa Indonesia as the offices write their reports (omzet, peserta, stan, produk, capaian).
    static let indonesian: [String: String] = [
        "events": "acara", "omzet": "omzet", "units": "unit", "sales": "penjualan", "participants": "peserta",
        "stalls": "stan", "products": "produk", "listings": "produk dipajang", "target": "target",
        "achievement_pct": "capaian", "achievement": "capaian", "share_pct": "kontribusi", "share": "kontribusi",
        "unsold": "tidak terjual", "key": "kunci", "total": "jumlah", "name": "nama", "cells": "sel",
        // dimensions (the heading of the key column, and `by …` in a title)
        "month": "bulan", "day": "hari", "event": "acara", "program": "program", "mode": "mode",
        "participant": "peserta", "product": "produk", "category": "kategori", "kota": "kota",
        "kecamatan": "kecamatan", "channel": "kanal", "buyer": "pembeli", "listing": "produk dipajang",
        "qty": "jumlah unit", "amount": "nilai", "price": "harga", "categories": "kategori",
    ]

    static let monthNames = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                             "Oktober", "November", "Desember"]
    static let englishMonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                    "October", "November", "December"]
    static let dayNames = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    static let englishDayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// `2020-08` → `Agustus 2020` in Indonesian; ISO in English (as the reports have always said it).
    static func month(_ iso: String) -> String {
        guard Language.current == .id else { return iso }
        let parts = iso.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let m = Int(parts[1]), (1...12).contains(m) else { return iso }
        return "\(monthNames[m - 1]) \(parts[0])"
    }

    /// A day in words: `Kamis, 23 September 2021` (Indonesian tables by day; the English ones keep ISO).
    static func longDay(_ day: Day) -> String {
        let weekday = Int((day.ordinal % 7 + 7 + 3) % 7)   // day ordinal 0 (1970-01-01) was a Thursday
        let names = Language.current == .id ? monthNames : englishMonthNames
        let days = Language.current == .id ? dayNames : englishDayNames
        return "\(days[weekday]), \(day.day) \(names[day.month - 1]) \(day.year)"
    }

    /// The report as a person reads it in the current language: in Indonesian, month rows are
    /// named (`Agustus 2020`); JSON and CSV are made from the report itself and keep ISO keys.
    static func forReading(_ r: ReportResult) -> ReportResult {
        guard Language.current == .id, case .text(let by)? = r.scope.first(where: { $0.0 == "by" })?.1, by == "month" || by == "day" else {
            return r
        }
        var copy = r
        func named(_ row: [Cell]) -> [Cell] {
            var row = row
            switch row.first {
            case .text(let key)? where by == "month": row[0] = .text(month(key))
            case .text(let key)?, .day(let key)?:
                if by == "day", let d = Day(iso: key) { row[0] = .text(longDay(d)) }
            default: break
            }
            return row
        }
        copy.rows.rows = r.rows.rows.map(named)
        copy.best = r.best.map(named)
        return copy
    }

    /// `log` and `history` as a person reads them: in Indonesian their headings, and the log's own
    /// words (`run x.bazar: 3 changes`). JSON and CSV keep the names and the text as stored.
    static func forReading(_ t: ResultTable) -> ResultTable {
        guard Language.current == .id, t.columns == ["n", "when", "who", "command"] || t.columns == ["n", "command"] else { return t }
        var copy = t
        let headings: [String: Phrase] = ["n": .columnN, "when": .columnWhen, "who": .columnWho, "command": .columnCommand]
        copy.columns = t.columns.map { headings[$0]!.say() }
        if t.columns.count == 4 {
            copy.rows = t.rows.map { row in
                guard case .text(let c) = row[3] else { return row }
                var row = row
                row[3] = .text(Session.logCommand(c))
                return row
            }
        }
        return copy
    }

    /// The title in the current language: `report year 2020 · program BORJU · by month` →
    /// `Laporan tahunan 2020 · program BORJU · per bulan`.
    static func title(_ title: String) -> String {
        guard Language.current == .id, !title.isEmpty else { return title }
        var parts = title.components(separatedBy: " · ")
        let heads: [(String, Phrase)] = [
            ("report month", .reportTitleMonth), ("report year", .reportTitleYear), ("report event", .reportTitleEvent),
            ("report range", .reportTitleRange), ("report participant", .reportTitleParticipant),
            ("report top", .reportTitleTop), ("report unsold", .reportTitleUnsold),
        ]
        for (english, phrase) in heads where parts[0] == english || parts[0].hasPrefix(english + " ") {
            var rest = String(parts[0].dropFirst(english.count))
            // The period in words (`2020-08` → `Agustus 2020`), the dates of an event with `s.d.`.
            rest = rest.split(separator: " ", omittingEmptySubsequences: false).map { month(String($0)) }.joined(separator: " ")
            rest = rest.replacing(" to ", with: " s.d. ")
            if phrase == .reportTitleTop {
                for top in ["products", "participants", "categories"] where rest.hasPrefix(" " + top) {
                    let what = ["products": "Produk", "participants": "Peserta", "categories": "Kategori"][top]!
                    parts[0] = Phrase.reportTitleTop.say(["what": what]) + rest.dropFirst(top.count + 1)
                }
                break
            }
            parts[0] = phrase.say() + rest
            break
        }
        for i in parts.indices.dropFirst() where parts[i].hasPrefix("by ") {
            let d = String(parts[i].dropFirst(3))
            parts[i] = Phrase.reportBy.say(["dimension": indonesian[d] ?? d])
        }
        return parts.joined(separator: " · ")
    }
}
