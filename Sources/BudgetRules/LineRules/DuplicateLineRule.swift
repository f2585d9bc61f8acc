import BudgetCore

/// `duplicate-line`: the same item, description and amount as an earlier line — the
/// classic copy-paste that counts a cost twice. A warning: two identical purchases can
/// be real.
///
/// Lines match on the item's canonical code (the plan's, or the code as written, upper
/// case, for an unknown item), the description in NFC with case and spacing folded, and
/// the amount. Lines without an amount are not compared.
///
/// Memory: only a 64-bit hash of that key and the lowest line number are kept per
/// distinct line, never the text, so a million-line file costs some tens of MB. The
/// trade-off is that two different lines whose keys hash alike would be reported as
/// duplicates; with a well-mixed 64-bit hash the chance is about n²/2⁶⁵ (3 in 100
/// million for a million lines), and the finding is only a warning.
///
/// Lines may arrive out of file order; `otherLine` is always the lower line number
/// seen so far, so a finding always points back, never forward.
public enum DuplicateLineRule {
    /// The rule as registered in ``LineRules``.
    public static let rule = LineRule(code: .duplicateLine, check: check)

    /// Appends the rule's findings for one line; see the type's documentation.
    @Sendable
    public static func check(
        _ checked: CheckedLine, _ context: LineContext, _ memory: inout LineMemory, _ findings: inout [Finding]
    ) {
        let line = checked.line
        guard let amount = line.amount else { return }
        let item = checked.item?.code ?? Plan.codeKey(line.itemCode)
        let hash = key(item: item, description: line.description, amount: amount)
        let number = Int32(clamping: line.line)
        guard let earlier = memory.firstLineByHash[hash] else {
            memory.firstLineByHash[hash] = number
            return
        }
        guard earlier != number else { return }
        let (duplicate, original) = earlier < number ? (line.line, Int(earlier)) : (Int(earlier), line.line)
        if number < earlier { memory.firstLineByHash[hash] = number }
        findings.append(
            context.finding(
                .duplicateLine, line: duplicate, field: .amount, value: Figures.amount(amount), item: item,
                arguments: ["otherLine": String(original)]))
    }

    /// The 64-bit key of a line: FNV-1a over the canonical item, the folded description
    /// and the amount, then a SplitMix finaliser so that near keys spread over all bits.
    static func key(item: String, description: String, amount: Money) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for byte in item.utf8 { mix(byte) }
        mix(0x1F)
        foldedDescription(description, into: mix)
        mix(0x1F)
        var dong = UInt64(bitPattern: amount.dong)
        for _ in 0..<8 {
            mix(UInt8(truncatingIfNeeded: dong))
            dong >>= 8
        }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }

    /// Feeds the description's UTF-8, NFC with case and spacing folded (the same text
    /// as ``Folding/caseAndSpace(_:)``), to `sink`, without building a string.
    ///
    /// This runs for every line of a file, so it avoids what makes folding slow: text
    /// from the reader is already NFC, and is composed again only when it holds a
    /// scalar that composition could change (a combining mark, Hangul jamo, a
    /// compatibility singleton); ASCII is lowered by arithmetic, and other scalars are
    /// looked up only when lowering changes them.
    static func foldedDescription(_ text: String, into sink: (UInt8) -> Void) {
        let source = mayNeedComposition(text) ? Folding.nfc(text) : text
        var pendingSpace = false
        var started = false
        for scalar in source.unicodeScalars {
            let value = scalar.value
            let isSpace = value < 0x80 ? value == 0x20 || (0x09...0x0D).contains(value) : Folding.isSpace(scalar)
            if isSpace {
                pendingSpace = started
                continue
            }
            if pendingSpace {
                sink(0x20)
                pendingSpace = false
            }
            started = true
            if value < 0x80 {
                let byte = UInt8(truncatingIfNeeded: value)
                sink((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
            } else if scalar.properties.changesWhenLowercased {
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars { utf8(lowered, into: sink) }
            } else {
                utf8(scalar, into: sink)
            }
        }
    }

    /// Whether `text` holds a scalar that NFC composition might change. Precomposed
    /// Vietnamese letters (U+00C0…U+01B0, U+1EA0…U+1EF9) are not among them.
    static func mayNeedComposition(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where scalar.value >= 0x0300 {
            switch scalar.value {
            case 0x0300...0x036F, 0x0374, 0x037E, 0x0387, 0x0483...0x0489, 0x0591...0x05C7, 0x0610...0x061A,
                0x064B...0x065F, 0x0900...0x0DFF, 0x1100...0x11FF, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
                0x1F00...0x1FFF, 0x20D0...0x20FF, 0x2126, 0x212A, 0x212B, 0x2329, 0x232A, 0x3099, 0x309A,
                0xF900...0xFAFF, 0xFE20...0xFE2F, 0x1D15E...0x1D1C0, 0x2F800...0x2FA1F:
                return true
            default:
                continue
            }
        }
        return false
    }

    /// Feeds the UTF-8 encoding of `scalar` to `sink`.
    static func utf8(_ scalar: Unicode.Scalar, into sink: (UInt8) -> Void) {
        let value = scalar.value
        func byte(_ bits: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: bits) }
        switch value {
        case 0..<0x80:
            sink(byte(value))
        case 0x80..<0x800:
            sink(byte(0xC0 | value >> 6))
            sink(byte(0x80 | value & 0x3F))
        case 0x800..<0x1_0000:
            sink(byte(0xE0 | value >> 12))
            sink(byte(0x80 | value >> 6 & 0x3F))
            sink(byte(0x80 | value & 0x3F))
        default:
            sink(byte(0xF0 | value >> 18))
            sink(byte(0x80 | value >> 12 & 0x3F))
            sink(byte(0x80 | value >> 6 & 0x3F))
            sink(byte(0x80 | value & 0x3F))
        }
    }
}
