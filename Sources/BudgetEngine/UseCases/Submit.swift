import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// What the officer asked `submit` to do.
public struct SubmitRequest: Sendable {
    public var path: String
    public var read: ReadOptions
    /// `--received-at`: when the file really arrived by another channel (ISO 8601).
    public var receivedAt: String?
    public var note: String?
    public var acceptLate: Bool
    public var reason: String?

    public init(
        path: String, read: ReadOptions = ReadOptions(), receivedAt: String? = nil, note: String? = nil,
        acceptLate: Bool = false, reason: String? = nil
    ) {
        self.path = path
        self.read = read
        self.receivedAt = receivedAt
        self.note = note
        self.acceptLate = acceptLate
        self.reason = reason
    }
}

/// The receipt `submit` prints.
public struct SubmitResult: Sendable {
    public var receipt: StoredReceipt
    public var check: FileCheck
    public var plan: Plan
    /// Whether the receipt time was at or before the deadline.
    public var onTime: Bool
    /// The agency's previously counted receipt, which this one replaces in the sums.
    public var supersedes: StoredReceipt?
    /// The exit code of the contract for this decision.
    public var exitCode: Int32 { receipt.decision.exitCode }
}

/// `budget submit FILE --round DIR`: records a received file, whatever it holds.
///
/// Order (the contract's): arguments are checked first and a usage error records nothing;
/// then the file is read and judged; lateness is decided on the declared time (or now);
/// then validity. The file's original bytes, hash, times, decision and findings are
/// written in one transaction.
public struct Submit: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    /// The largest file `submit` keeps: SQLite's BLOB limit is about 1 GB, and a file far
    /// over the reading limit is refused before anything is recorded (exit 2).
    public static let largestKept = 512 << 20

    public func run(
        _ request: SubmitRequest, roundDirectory: String, clock setting: ClockSetting
    ) throws(EngineError) -> SubmitResult {
        if request.receivedAt != nil && (request.note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw EngineError(
                .usage,
                Localized(
                    vi: "--received-at cần --note: ghi rõ tệp đến bằng đường nào (thư điện tử, bản giấy…)",
                    en: "--received-at needs --note: say how the file arrived (e-mail, paper…)"))
        }
        if request.acceptLate && (request.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw EngineError(
                .usage,
                Localized(
                    vi: "--accept-late cần --reason: ghi lý do chấp nhận nộp muộn",
                    en: "--accept-late needs --reason: record why the late file is accepted"))
        }
        if request.reason != nil && !request.acceptLate {
            throw EngineError(
                .usage,
                Localized(vi: "--reason chỉ dùng cùng --accept-late", en: "--reason goes with --accept-late only"))
        }
        if let size = fileSystem.size(request.path), size > Self.largestKept {
            throw EngineError(
                .usage,
                Localized(
                    vi:
                        "tệp «\(request.path)» lớn \(size) byte, quá \(Self.largestKept) byte có thể lưu; không ghi nhận",
                    en:
                        "\"\(request.path)\" is \(size) bytes, over the \(Self.largestKept) bytes that can be kept; nothing recorded"
                ))
        }
        let round = try OpenRound.run(roundDirectory)
        let plan = round.plan
        let clock = setting.provider(zone: plan.timeZone)
        let now = clock.now()
        var declared: Date? = nil
        if let text = request.receivedAt {
            guard let parsed = ISOTime.parse(text) else {
                throw EngineError(
                    .usage,
                    Localized(
                        vi: "--received-at «\(text)» không phải thời điểm ISO 8601 (ví dụ 2020-03-10T16:30:00+07:00)",
                        en: "--received-at \"\(text)\" is not an ISO 8601 time (for example 2020-03-10T16:30:00+07:00)")
                )
            }
            let instant = parsed.instant(defaultZone: plan.timeZone)
            if instant > now {
                throw EngineError(
                    .usage,
                    Localized(
                        vi:
                            "--received-at \(ISOTime.human(instant, in: plan.timeZone, .vi)) ở tương lai (bây giờ là \(ISOTime.human(now, in: plan.timeZone, .vi))); không ghi nhận",
                        en:
                            "--received-at \(ISOTime.human(instant, in: plan.timeZone, .en)) is in the future (now is \(ISOTime.human(now, in: plan.timeZone, .en))); nothing recorded"
                    ))
            }
            declared = instant
        }
        let bytes = try fileSystem.read(request.path)
        let fileName = URL(fileURLWithPath: request.path).lastPathComponent
        let (check, lines) = try SubmissionCheck.run(
            plan: plan, fileName: fileName, options: request.read, open: { MemoryByteSource(bytes) }, keepLines: true,
            byteCount: bytes.count)
        let receivedAt = declared ?? now
        let onTime = plan.deadline.isOnTime(receivedAt)
        let decision = ReceiptPolicy.decide(onTime: onTime, acceptLate: request.acceptLate, valid: check.valid)
        var canonical: [EstimateLine] = []
        if decision.counts {
            canonical.reserveCapacity(lines.count)
            for var line in lines {
                if let item = plan.item(matching: line.itemCode) { line.itemCode = item.code }
                canonical.append(line)
            }
            canonical.sort { $0.line < $1.line }
        }
        let new = NewReceipt(
            fileName: fileName, bytes: bytes, sha256: SHA256.hex(bytes), agency: check.agency?.code,
            declaredAt: declared, recordedAt: now, clockKind: clock.kind, decision: decision, valid: check.valid,
            note: request.note, reason: request.acceptLate ? request.reason : nil, total: check.total,
            lineCount: check.lines, encoding: check.encoding, findings: check.findings,
            lines: decision.counts ? canonical : [], itemTotals: decision.counts ? check.totalsByItem : [:])
        // What counted for the agency just before this receipt is read in the recording
        // transaction (by receipt number, so a concurrent submit from the same agency is
        // placed in the order it was recorded): a read after the commit could fail and
        // report a recorded file as not recorded.
        let stored: StoredReceipt
        let previous: [StoredReceipt]
        do {
            (stored, previous) = try round.store.record(new, readingEarlierOfAgency: decision.counts)
        } catch {
            throw StoreErrors.engineError(error)
        }
        let before = AgencyStanding.derive(previous.map { ReceiptOutcome(decision: $0.decision, valid: $0.valid) })
        let supersedes = decision.counts ? before.counted.map { previous[$0] } : nil
        return SubmitResult(receipt: stored, check: check, plan: plan, onTime: onTime, supersedes: supersedes)
    }
}
