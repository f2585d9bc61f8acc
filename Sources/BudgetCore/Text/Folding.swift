import Foundation

/// Text normalisation for names people type in different ways.
///
/// Column names, key rows and agency names arrive composed (NFC) or decomposed (NFD),
/// with or without tone marks, in any case, with "đ" typed as "d", with odd spacing.
/// Matching folds all of that away; display keeps the text as written (in NFC).
public enum Folding {
    /// `text` in Unicode normalisation form C (composed), as everything stored and
    /// displayed is. Cheap when the text is ASCII or precomposed Vietnamese.
    public static func nfc(_ text: String) -> String {
        if isNFCStable(text) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Whether NFC leaves `text` as it is because every scalar is one NFC never changes,
    /// alone or beside the others: ASCII, U+0080–U+02FF, U+1E00–U+1EFF (the precomposed
    /// Vietnamese letters) and U+2002–U+20BF — none decomposes, none is a combining mark,
    /// and none composes with a neighbour. The same sets the reader trusts
    /// (`TextBytes.mayNeedNormalising`) and the fold's fast path. Why: Foundation's
    /// normalisation cost about 26 000 instructions for a plan item's title, 43 % of
    /// loading a plan of 20 000 items.
    ///
    /// Complexity: O(n) in the UTF-8 length.
    ///
    /// The test is made on the UTF-8 bytes (a string is always valid UTF-8), where each of
    /// those ranges is a pattern of its first two or three bytes: walking the scalars cost a
    /// twentieth of loading a plan of 200 000 items.
    static func isNFCStable(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            var i = 0
            let count = bytes.count
            while i < count {
                let lead = bytes[i]
                if lead < 0x80 {
                    i += 1
                } else if lead < 0xCC {
                    i += 2  // U+0080–U+02FF
                } else if lead == 0xE1, i + 1 < count, bytes[i + 1] &- 0xB8 < 4 {
                    i += 3  // U+1E00–U+1EFF
                } else if lead == 0xE2, i + 2 < count, isGeneralPunctuationToCurrency(bytes[i + 1], bytes[i + 2]) {
                    i += 3
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Whether E2 `second` `third` is a scalar of U+2002–U+20BF.
    private static func isGeneralPunctuationToCurrency(_ second: UInt8, _ third: UInt8) -> Bool {
        switch second {
        case 0x80: third >= 0x82  // U+2002–U+203F
        case 0x81: true  // U+2040–U+207F
        case 0x82: true  // U+2080–U+20BF
        default: false
        }
    }

    /// A matching key: lower case, tone marks and other diacritics removed, "đ" → "d",
    /// every run of white space (including no-break spaces) one space, trimmed.
    ///
    /// "Thành  tiền", "THANH TIEN" and "thành tiền" (NFD) all fold to "thanh tien".
    ///
    /// Text whose scalars are all Latin (U+0000–U+036F) or precomposed Vietnamese
    /// (U+1E00–U+1EFF) is folded a scalar at a time from a table of each scalar's fold,
    /// made on first use by the general fold itself (``ScalarKeys``): Foundation's
    /// decomposition cost about 20 000 instructions for an agency's name, which every
    /// command paid for each of the plan's agencies, and `check` again for a file's column
    /// names and key rows.
    public static func key(_ text: String) -> String {
        ScalarKeys.shared.key(text) ?? decomposedKey(text)
    }

    /// ``key(_:)`` by the general fold: the text decomposed (NFD), then each scalar judged.
    static func decomposedKey(_ text: String) -> String {
        let decomposed = text.decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in decomposed.unicodeScalars {
            if isCombiningMark(scalar) { continue }
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            switch scalar {
            case "đ", "Đ", "ð", "Ð": out.append("d")
            default:
                for lowered in String(scalar).lowercased().unicodeScalars { out.append(lowered) }
            }
        }
        return String(out)
    }

    /// Lower case and collapsed white space, tone marks kept.
    ///
    /// Total rows are recognised this way: "Công tác phí" must not read as "Cộng".
    /// Each scalar of the NFC text becomes its full lower-case mapping; every run of
    /// white space (``isSpace(_:)``) one space, none at either end. The work is done over
    /// the UTF-8 bytes by the same fold that computes ``caseAndSpaceKey(_:)``.
    public static func caseAndSpace(_ text: String) -> String {
        caseAndSpaceOfComposed(nfc(text))
    }

    /// Trims white space (including no-break spaces) at both ends.
    ///
    /// Returns `text` itself when there is nothing to trim, without building a new string.
    public static func trim(_ text: String) -> String {
        // Printable ASCII at both ends, as most codes and titles have: nothing to trim,
        // decided on two bytes (walking the scalars back from the end cost a thirteenth of
        // loading a plan of 200 000 items).
        let plainEnds = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let head = bytes.first, let tail = bytes.last else { return false }
            return head > 0x20 && head < 0x80 && tail > 0x20 && tail < 0x80
        }
        if plainEnds == true { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isSpace(first) && !isSpace(last) { return text }
        var trimmed = Substring(text).unicodeScalars[...]
        while let first = trimmed.first, isSpace(first) { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, isSpace(last) { trimmed = trimmed.dropLast() }
        return String(String.UnicodeScalarView(trimmed))
    }

    /// Whether `scalar` is white space for our purposes: Unicode white space plus the
    /// no-break spaces Excel and Word put in numbers and names.
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return scalar.properties.isWhitespace || value == 0x00A0 || value == 0x202F || value == 0x2007
            || value == 0xFEFF
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F:
            return true
        default:
            return false
        }
    }
}
