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
    public static let rule = LineRule(code: .duplicateLine, check: check)

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

    /// Feeds the description's UTF-8, NFC with case and spacing folded
    /// (``Folding/caseAndSpace(_:)``), to `sink`. ASCII text, the common case, is folded
    /// byte by byte without building a string.
    static func foldedDescription(_ text: String, into sink: (UInt8) -> Void) {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            for byte in Folding.caseAndSpace(text).utf8 { sink(byte) }
            return
        }
        var pendingSpace = false
        var started = false
        for byte in text.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = started
                continue
            }
            if pendingSpace {
                sink(0x20)
                pendingSpace = false
            }
            started = true
            sink((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
    }
}
