/// How many terminal columns a text takes, for aligning tables: an emoji or a CJK character takes two, a
/// combining mark none (it joins the character before it).
///
/// Written here rather than taken from C's `wcwidth`: that depends on the process's locale (in the C locale,
/// which scripts and cron jobs often run in, it gives -1 for every non-ASCII character), and Swift's standard
/// library has no East Asian Width property. The wide ranges below are Unicode's East_Asian_Width W and F
/// blocks, plus every scalar Unicode presents as an emoji by default; that is what terminals draw two columns wide.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        // ASCII (most ids, numbers and amounts): one column a byte.
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.count }
        var width = 0
        for character in s { width += of(character) }
        return width
    }

    /// A character (grapheme): its first scalar decides, unless a variation selector asks for emoji (U+FE0F).
    static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return of(first)
    }

    static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if u.properties.isEmojiPresentation { return 2 }
        return isWide(v) ? 2 : 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,    // Hangul Jamo initials
             0x2E80...0x303E,    // CJK radicals, Kangxi, CJK symbols and punctuation
             0x3041...0x33FF,    // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
             0x3400...0x4DBF,    // CJK extension A
             0x4E00...0x9FFF,    // CJK unified ideographs
             0xA000...0xA4CF,    // Yi
             0xA960...0xA97F,    // Hangul Jamo extended A
             0xAC00...0xD7A3,    // Hangul syllables
             0xF900...0xFAFF,    // CJK compatibility ideographs
             0xFE10...0xFE19,    // vertical forms
             0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
             0xFF00...0xFF60,    // fullwidth forms
             0xFFE0...0xFFE6,
             0x1F300...0x1F64F,  // pictographs and emoticons (those without default emoji presentation too)
             0x1F900...0x1F9FF,  // supplemental symbols and pictographs
             0x20000...0x2FFFD,  // CJK extensions B–F
             0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `s` followed by spaces up to `width` columns.
    static func padded(_ s: String, to width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - of(s)))
    }
}
