import BudgetCore

extension VietnameseNumberWords {
    /// The amount a "Bằng chữ" text states, or `nil` if the text is not a well-formed
    /// Vietnamese amount in words.
    ///
    /// Reading the words back into a number, rather than comparing strings with one
    /// canonical form, is what lets every correct way of writing an amount pass: case,
    /// spacing, punctuation and NFD input do not matter; `lẻ` = `linh`, `ngàn` = `nghìn`,
    /// `tỉ` = `tỷ`, `bẩy` = `bảy`; `bốn` or `tư` after `mười`, `mươi` or `linh`;
    /// `năm` or `lăm` after `mười`/`mươi`; `một` or `mốt` after `mươi`; a later group may
    /// leave out "không trăm" ("một nghìn linh năm", "một nghìn năm mươi"). A leading
    /// "Bằng chữ", a leading "âm" (negative), a trailing "đồng" (or "VNĐ"), "Việt Nam"
    /// and "chẵn" are all optional.
    ///
    /// Readings that are ambiguous in speech are refused rather than guessed:
    /// "một trăm năm" (105 or 150?), "một trăm lăm", "một nghìn hai" (1 002 or 1 200?).
    ///
    /// Complexity: O(n) in the length of the text.
    public static func amount(in text: String) -> Int64? {
        guard var tokens = tokenize(text) else { return nil }
        if tokens.count >= 2, tokens[0] == .bang, tokens[1] == .chu { tokens.removeFirst(2) }
        var negative = false
        if tokens.first == .am {
            negative = true
            tokens.removeFirst()
        }
        var parser = WordsParser(tokens: tokens)
        guard let magnitude = parser.parseNumber(), parser.parseSuffix() else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The words of `text`, lower case and NFC, or `nil` if one is not a word of amounts.
    /// Anything that is neither a letter, a digit nor a combining mark separates words, so
    /// punctuation such as "./." and parentheses vanish here; figures stay, and make the
    /// text something other than an amount in words.
    static func tokenize(_ text: String) -> [WordToken]? {
        let lowered = Folding.nfc(text).lowercased()
        var tokens: [WordToken] = []
        var word = String.UnicodeScalarView()
        func flush() -> Bool {
            guard !word.isEmpty else { return true }
            defer { word.removeAll(keepingCapacity: true) }
            guard let token = WordToken.vocabulary[String(word)] else { return false }
            tokens.append(token)
            return true
        }
        for scalar in lowered.unicodeScalars {
            let category = scalar.properties.generalCategory
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || category == .nonspacingMark || category == .spacingMark
            {
                word.append(scalar)
            } else if !flush() {
                return nil
            }
        }
        guard flush() else { return nil }
        return tokens
    }
}

/// A word that may appear in an amount in words.
enum WordToken: Equatable {
    /// không, một, hai, ba, bốn, năm, sáu, bảy, tám, chín.
    case digit(Int)
    /// "mốt": 1 after a tens word ("hai mươi mốt").
    case mot
    /// "tư": 4 as a unit ("hai mươi tư", "mười tư", "linh tư").
    case tu
    /// "lăm": 5 after a tens word ("mười lăm").
    case lam
    /// "linh" or "lẻ": a zero tens digit.
    case linh
    /// "mười": ten, alone.
    case ten
    /// "mươi": tens after a digit.
    case tens
    /// "trăm".
    case hundred
    /// "nghìn" or "ngàn".
    case thousand
    /// "triệu".
    case million
    /// "tỷ" or "tỉ".
    case billion
    /// "đồng", "vnđ", "vnd".
    case dong
    /// "chẵn".
    case chan
    /// "việt" (of "Việt Nam").
    case viet
    /// "nam" (of "Việt Nam").
    case nam
    /// "âm": a negative amount.
    case am
    /// "bằng" (of a leading "Bằng chữ").
    case bang
    /// "chữ" (of a leading "Bằng chữ").
    case chu

    /// Every accepted spelling, NFC and lower case.
    static let vocabulary: [String: WordToken] = [
        "không": .digit(0), "một": .digit(1), "hai": .digit(2), "ba": .digit(3),
        "bốn": .digit(4), "năm": .digit(5), "sáu": .digit(6), "bảy": .digit(7),
        "bẩy": .digit(7), "tám": .digit(8), "chín": .digit(9),
        "mốt": .mot, "tư": .tu, "lăm": .lam, "linh": .linh, "lẻ": .linh,
        "mười": .ten, "mươi": .tens, "trăm": .hundred,
        "nghìn": .thousand, "ngàn": .thousand, "triệu": .million, "tỷ": .billion, "tỉ": .billion,
        "đồng": .dong, "vnđ": .dong, "vnd": .dong, "chẵn": .chan, "việt": .viet, "nam": .nam,
        "âm": .am, "bằng": .bang, "chữ": .chu,
    ]
}

/// A recursive-descent reader of the grammar in <doc:AmountInWords>:
///
///     amount  := "không" | part+          (each part a group and its scale word)
///     group   := [digit "trăm"] [tail]
///     tail    := ("linh"|"lẻ") unit | "mười" [unit] | digit≥2 "mươi" [unit] | digit
///     scale   := "triệu" | "nghìn" | "tỷ"  (in that order within a tỷ; "tỷ" multiplies
///                                           everything before it)
struct WordsParser {
    let tokens: [WordToken]
    var index = 0

    init(tokens: [WordToken]) { self.tokens = tokens }

    var next: WordToken? { index < tokens.count ? tokens[index] : nil }

    /// Reads the number, leaving `index` on the first word after it.
    mutating func parseNumber() -> UInt64? {
        if next == .digit(0) {
            index += 1
            return 0
        }
        var total: UInt64 = 0  // everything before the last "tỷ", already multiplied
        var segment: UInt64 = 0  // the millions and thousands read since the last "tỷ"
        var smallestScale = 3  // 2 after "triệu", 1 after "nghìn", 3 when none yet
        var readAnything = false
        while true {
            let group: UInt64?
            switch parseGroup(leading: !readAnything) {
            case .invalid: return nil
            case .empty: group = nil
            case .value(let value): group = value
            }
            let scale: Int? =
                switch next {
                case .million: 2
                case .thousand: 1
                case .billion: 3
                default: nil
                }
            guard let scale else {
                // The end of the number: a group read here is the units.
                if let value = group {
                    guard value > 0 else { return nil }
                    segment += value
                } else if !readAnything {
                    return nil
                }
                return add(total, segment)
            }
            index += 1
            switch scale {
            case 3:
                if let value = group {
                    guard value > 0 else { return nil }
                    segment += value
                } else {
                    // "một nghìn tỷ" (a segment) or "một tỷ tỷ" (a repeated tỷ).
                    guard readAnything else { return nil }
                }
                guard let sum = add(total, segment) else { return nil }
                let (product, overflow) = sum.multipliedReportingOverflow(by: 1_000_000_000)
                guard !overflow else { return nil }
                total = product
                segment = 0
                smallestScale = 3
            default:
                guard let value = group, value > 0, scale < smallestScale else { return nil }
                segment += value * (scale == 2 ? 1_000_000 : 1_000)
                smallestScale = scale
            }
            readAnything = true
        }
    }

    /// Reads "đồng", "Việt Nam" and "chẵn", each optional; true when nothing else follows.
    mutating func parseSuffix() -> Bool {
        if next == .dong { index += 1 }
        var sawChan = false
        var sawCountry = false
        while let word = next {
            switch word {
            case .chan where !sawChan:
                sawChan = true
                index += 1
            case .viet where !sawCountry && index + 1 < tokens.count && tokens[index + 1] == .nam:
                sawCountry = true
                index += 2
            default:
                return false
            }
        }
        return true
    }

    /// What reading one group of three digits found.
    enum Group: Equatable {
        /// No words of a group: a scale word follows at once ("một nghìn tỷ").
        case empty
        /// A group, 0…999.
        case value(UInt64)
        /// Words that are not a group ("một trăm năm", "linh năm" at the start).
        case invalid
    }

    /// Reads one group of three digits; `leading` when nothing of the number precedes it.
    mutating func parseGroup(leading: Bool) -> Group {
        var value: UInt64 = 0
        var read = false
        var saidHundreds = false
        if case .digit(let d)? = next, index + 1 < tokens.count, tokens[index + 1] == .hundred {
            // "không trăm" only inside a number, never at its start.
            guard d > 0 || !leading else { return .invalid }
            value = UInt64(d) * 100
            index += 2
            read = true
            saidHundreds = true
        }
        switch next {
        case .linh?:
            // "linh" needs something before it: hundreds, or an earlier group.
            guard saidHundreds || !leading else { return .invalid }
            index += 1
            guard let unit = unitAfterLinh() else { return .invalid }
            value += unit
            read = true
        case .ten?:
            index += 1
            value += 10 + unitAfterTens(allowMot: false)
            read = true
        case .digit(let d)? where d >= 2 && index + 1 < tokens.count && tokens[index + 1] == .tens:
            index += 2
            value += UInt64(d) * 10 + unitAfterTens(allowMot: true)
            read = true
        case .digit(let d)? where d >= 1:
            // A lone digit is a number only at the start: after hundreds it would be
            // "một trăm năm" (105 or 150?), after a group "một nghìn hai" (1 002 or 1 200?).
            guard leading && !saidHundreds else { return .invalid }
            index += 1
            value += UInt64(d)
            read = true
        default:
            break
        }
        return read ? .value(value) : .empty
    }

    /// The unit after "linh": 1…9, "tư" for 4; never "mốt" or "lăm".
    mutating func unitAfterLinh() -> UInt64? {
        switch next {
        case .digit(let d)? where d >= 1:
            index += 1
            return UInt64(d)
        case .tu?:
            index += 1
            return 4
        default:
            return nil
        }
    }

    /// The optional unit after "mười" or "mươi": 1…9, "tư", "lăm", and "mốt" after "mươi".
    /// Not a unit (a scale word, the end) reads as 0 and is left in place.
    mutating func unitAfterTens(allowMot: Bool) -> UInt64 {
        let unit: UInt64? =
            switch next {
            case .digit(let d)? where d >= 1:
                // "hai mươi hai trăm" is not a number: a digit before "trăm"/"mươi" is not a unit.
                index + 1 < tokens.count && (tokens[index + 1] == .hundred || tokens[index + 1] == .tens)
                    ? nil : UInt64(d)
            case .tu?: 4
            case .lam?: 5
            case .mot? where allowMot: 1
            default: nil
            }
        if unit != nil { index += 1 }
        return unit ?? 0
    }

    private func add(_ a: UInt64, _ b: UInt64) -> UInt64? {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : sum
    }
}
