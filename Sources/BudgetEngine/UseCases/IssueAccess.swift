import BudgetCore
import BudgetFormats
import BudgetStore
import Foundation

/// Whose portal access `budget access` issues or revokes.
public enum AccessTarget: Sendable, Equatable {
    /// One agency of the plan, by code.
    case agency(String)
    /// Every agency of the plan.
    case allAgencies
    /// The officer of that name (one code per name).
    case officer(String)
}

/// One code issued: shown once, never stored.
public struct IssuedAccess: Sendable, Equatable {
    public var role: AccessRole
    /// The agency's canonical code, or the officer's name.
    public var subject: String
    /// The agency's name, or the officer's name.
    public var name: String
    /// The code as printed (`K7QF-3M9X-…`).
    public var code: String
}

/// The printable slips `access --all --slips FILE --url URL` writes.
public struct SlipsRequest: Sendable, Equatable {
    /// The HTML file to write (refused inside a round).
    public var path: String
    /// The portal's address printed on each slip.
    public var url: String

    public init(path: String, url: String) {
        self.path = path
        self.url = url
    }
}

/// What `access` did.
public struct AccessOutcome: Sendable {
    /// The codes issued, in plan order (empty with `revoke`).
    public var issued: [IssuedAccess]
    /// How many earlier codes stopped working (replaced or revoked).
    public var revoked: Int
    /// The subjects whose codes were revoked (with `revoke`), or replaced.
    public var subjects: [String]
    public var plan: Plan
    public var at: Date
    public var clockKind: ClockKind
    /// The slips file written, if asked.
    public var slips: String?
}

/// `budget access --round DIR (--agency CODE | --all | --officer NAME) [--revoke]`: issues
/// (or revokes) portal access codes.
///
/// A new code for a subject revokes its current one in the same transaction, so that a
/// subject never has two codes that work; the round keeps only the SHA-256 of each code,
/// who issued it and when, and an event per subject (`access-issued`, `access-revoked`).
/// The slips file is written beside its target before the transaction and moved into place
/// after it commits: a refused path issues nothing, and a failed transaction leaves no
/// slips for codes that do not work.
public struct IssueAccess: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    public func run(
        _ target: AccessTarget, revoke: Bool = false, slips: SlipsRequest? = nil, roundDirectory: String,
        clock setting: ClockSetting, requester: Requester = .commandLine
    ) throws(EngineError) -> AccessOutcome {
        if let slips {
            guard !revoke else {
                throw EngineError(
                    .usage, Localized(vi: "--slips không dùng cùng --revoke", en: "--slips does not go with --revoke"))
            }
            try OutputGuard(fileSystem: fileSystem).checkFile(slips.path)
            guard !slips.url.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw EngineError(
                    .usage, Localized(vi: "--slips cần --url ĐỊA-CHỈ", en: "--slips needs --url ADDRESS"))
            }
        }
        let round = try OpenRound.run(roundDirectory)
        let plan = round.plan
        let subjects = try Self.subjects(target, plan: plan)
        let clock = setting.provider(zone: plan.timeZone)
        let now = clock.now()
        var issued: [IssuedAccess] = []
        var codes: [AccessCode] = []
        if !revoke {
            for subject in subjects {
                let code = AccessCode.generate()
                codes.append(code)
                issued.append(
                    IssuedAccess(role: subject.role, subject: subject.subject, name: subject.name, code: code.display))
            }
        }
        var staging: String? = nil
        if let slips {
            let bytes = Array(AccessSlips.html(issued, plan: plan, url: slips.url, at: now).utf8)
            staging = try fileSystem.writeBeside(slips.path) { sink in try bytes.withUnsafeBytes { try sink.write($0) }
            }
        }
        let revoked: Int
        do {
            revoked = try round.writing { writer in
                var count = 0
                for (index, subject) in subjects.enumerated() {
                    for old in try writer.currentAccessCodes(role: subject.role, subject: subject.subject) {
                        try writer.insertRevocation(
                            codeID: old.id, why: revoke ? .revoked : .replaced, at: now, clockKind: clock.kind,
                            by: requester)
                        count += 1
                    }
                    if !revoke {
                        _ = try writer.insertAccessCode(
                            role: subject.role, subject: subject.subject, codeSHA256: codes[index].sha256, at: now,
                            clockKind: clock.kind, by: requester)
                    }
                    try writer.insertEvent(
                        RoundEvent(
                            at: now, clockKind: clock.kind, actor: requester.name, address: requester.address,
                            action: revoke ? "access-revoked" : "access-issued",
                            detail: "\(subject.role.rawValue):\(subject.subject)"))
                }
                return count
            }
        } catch {
            if let staging { try? fileSystem.removeTree(staging) }
            throw error
        }
        if let slips, let staging {
            do {
                try fileSystem.rename(staging, to: slips.path)
            } catch {
                try? fileSystem.removeTree(staging)
                throw EngineError(
                    .environment,
                    Localized(
                        vi: "đã cấp mã nhưng không ghi được «\(slips.path)»: \(error.message.vi)",
                        en: "the codes were issued but \"\(slips.path)\" could not be written: \(error.message.en)"))
            }
        }
        return AccessOutcome(
            issued: issued, revoked: revoked, subjects: subjects.map(\.subject), plan: plan, at: now,
            clockKind: clock.kind, slips: slips?.path)
    }

    struct Subject {
        var role: AccessRole
        var subject: String
        var name: String
    }

    /// The subjects of a target, checked against the plan: an unknown agency or a blank or
    /// unprintable officer name is a usage error.
    static func subjects(_ target: AccessTarget, plan: Plan) throws(EngineError) -> [Subject] {
        switch target {
        case .agency(let code):
            guard let agency = plan.agency(matching: code) else { throw MakeTemplate.unknownAgency(code, plan: plan) }
            return [Subject(role: .agency, subject: agency.code, name: agency.name)]
        case .allAgencies:
            return plan.agencies.map { Subject(role: .agency, subject: $0.code, name: $0.name) }
        case .officer(let raw):
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 100,
                !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                throw EngineError(
                    .usage,
                    Localized(
                        vi: "tên cán bộ «\(raw)» không hợp lệ: cần 1–100 ký tự, không có ký tự điều khiển",
                        en: "invalid officer name \"\(raw)\": 1–100 characters without control characters"))
            }
            return [Subject(role: .officer, subject: name, name: name)]
        }
    }
}

/// The printable slips: one A4 page per agency with its name, code and the portal's address.
enum AccessSlips {
    static func html(_ issued: [IssuedAccess], plan: Plan, url: String, at: Date) -> String {
        let e = HTML.escape
        let when = ISOTime.human(at, in: plan.timeZone, .vi)
        // A round of a recurring plan: the slip says which month's report is due then.
        let deadline =
            ISOTime.human(plan.deadline.shown, in: plan.timeZone, .vi)
            + (plan.period.map { " (kỳ \($0.vietnamese))" } ?? "")
        var out = """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><title>Mã truy cập — \(e(plan.id))</title>
            <style>
            @page { size: A4; margin: 20mm; }
            body { font-family: "Times New Roman", serif; font-size: 13pt; color: #000; }
            .slip { page-break-after: always; break-after: page; border: 1px dashed #555; padding: 12mm; }
            .slip:last-child { page-break-after: auto; break-after: auto; }
            h1 { font-size: 16pt; margin: 0 0 4mm; }
            .code { font-family: "DejaVu Sans Mono", "Courier New", monospace; font-size: 22pt; letter-spacing: 1px;
                    border: 2px solid #000; padding: 4mm; margin: 6mm 0; text-align: center; }
            .url { font-family: monospace; font-size: 14pt; }
            .small { font-size: 11pt; color: #333; }
            </style></head><body>

            """
        for slip in issued {
            out += """
                <section class="slip">
                <p class="small">\(e(plan.consolidator.name)) — \(e(plan.title))</p>
                <h1>Mã truy cập cổng tiếp nhận dự toán</h1>
                <p>Đơn vị: <strong>\(e(slip.name))</strong> (mã đơn vị \(e(slip.subject)))</p>
                <p>Địa chỉ cổng: <span class="url">\(e(url))</span></p>
                <div class="code">\(e(slip.code))</div>
                <ol>
                <li>Mở địa chỉ trên bằng trình duyệt, nhập mã truy cập (không phân biệt chữ hoa/thường, có thể bỏ dấu gạch).</li>
                <li>Tải mẫu dự toán, điền số liệu, bấm «Kiểm tra» để xem lỗi, sửa, rồi bấm «Gửi».</li>
                <li>In hoặc lưu biên nhận sau khi gửi.</li>
                </ol>
                <p>Hạn gửi: <strong>\(e(deadline))</strong>.</p>
                <p class="small">Mã này chỉ dùng cho đơn vị trên; giữ kín, không gửi qua thư điện tử hay tin nhắn. Mã cấp lúc \(e(when)); khi được cấp mã mới, mã này hết hiệu lực. Mất mã: liên hệ \(e(plan.consolidator.name)) để được cấp lại.</p>
                </section>

                """
        }
        out += "</body></html>\n"
        return out
    }
}
