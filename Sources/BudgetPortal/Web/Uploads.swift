import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer

/// A multipart upload as it arrived: the file (streamed to the scratch folder), the name
/// the browser gave it, and the form's text fields.
struct Upload {
    var file: ScratchFile
    var fileName: String
    var fields: HTTPFormFields
}

extension Portal {
    /// Streams the `file` part of a `multipart/form-data` body to a scratch file, never
    /// holding it; collects the text fields.
    ///
    /// A file larger than the limit is refused 413 as soon as it passes the limit (the
    /// rest is not read; the connection is closed); a body whose `Content-Length` already
    /// says so never reaches this (the server answers 413 before the body). On any failure
    /// the scratch file is removed: nothing of an upload survives unless it is recorded.
    func readUpload(_ ex: Exchange, body: inout HTTPBodyReader) throws -> Upload {
        let contentType = ex.request.headers["Content-Type"] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw Refusal(
                .unsupportedMediaType,
                Localized(
                    vi: "cần gửi biểu mẫu multipart/form-data có trường «file»",
                    en: "send a multipart/form-data form with a \"file\" field"))
        }
        if ex.request.contentLength > Int64(configuration.maxFileBytes) + (1 << 20) { throw tooLarge() }
        let boundary = try MultipartParser.boundary(contentType: contentType)
        var file: ScratchFile?
        var fileName: String?
        var inFile = false
        let limit = configuration.maxFileBytes
        let fields: HTTPFormFields
        do {
            fields = try body.readMultipartForm(boundary: boundary) { event in
                switch event {
                case .partBegin(let head):
                    guard head.name == "file", file == nil else {
                        throw Refusal(
                            .badRequest,
                            Localized(
                                vi: "mỗi lần gửi một tệp, trong trường «file»",
                                en: "one file per request, in the \"file\" field"))
                    }
                    file = try scratch.newFile()
                    fileName = head.filename
                    inFile = true
                case .partData(let data):
                    guard inFile, let file else { return }
                    if file.size + data.count > limit { throw tooLarge() }
                    try file.write(data)
                case .partEnd, .end:
                    inFile = false
                }
            }
        } catch {
            file?.remove()
            throw error
        }
        guard let file else {
            throw Refusal(.badRequest, Localized(vi: "chưa chọn tệp để gửi", en: "no file was chosen"))
        }
        file.close()
        let name = Self.displayName(fileName ?? "")
        if name.isEmpty && file.size == 0 {
            file.remove()
            throw Refusal(.badRequest, Localized(vi: "chưa chọn tệp để gửi", en: "no file was chosen"))
        }
        return Upload(file: file, fileName: name.isEmpty ? "tep-tai-len" : name, fields: fields)
    }

    func tooLarge() -> Refusal {
        var refusal = Refusal(
            .contentTooLarge,
            Localized(
                vi:
                    "tệp lớn quá \(configuration.maxFileBytes >> 20) MiB; không ghi nhận. Chia nhỏ tệp hoặc liên hệ Sở.",
                en:
                    "the file is over \(configuration.maxFileBytes >> 20) MiB; nothing recorded. Split it or contact the Department."
            ))
        refusal.close = true
        return refusal
    }

    /// The name to record for an uploaded file: what the browser sent, without any folder
    /// part (old browsers send `C:\fakepath\…`) or control characters, at most 255 bytes.
    /// Still a display name only: it is never used as a path.
    static func displayName(_ sent: String) -> String {
        var name = sent
        if let cut = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            name = String(name[name.index(after: cut)...])
        }
        name = String(
            String.UnicodeScalarView(
                name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }
            ))
        name = name.trimmingCharacters(in: .whitespaces)
        while name.utf8.count > 255 { name.removeLast() }
        return name
    }

    /// Form values that count only when filled in.
    static func filled(_ fields: HTTPFormFields, _ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Whether a check box or flag field is on (`on`, `true`, `1`, `yes`).
    static func flag(_ fields: HTTPFormFields, _ name: String) -> Bool {
        guard let value = fields[name]?.lowercased() else { return false }
        return ["on", "true", "1", "yes"].contains(value)
    }

    // MARK: Checking and recording an upload, through the engine

    /// `check`: the file judged against the plan, nothing stored. An agency's file is read
    /// as from that agency (`--agency`), so a file naming another agency is an error.
    func check(_ upload: Upload, grant: AccessGrant, agency: String?) throws(EngineError) -> FileCheck {
        let options = ReadOptions(agency: grant.role == .agency ? grant.subject : agency)
        return try CheckFiles().run(path: upload.file.path, displayName: upload.fileName, plan: plan, options: options)
    }

    /// `submit`: the upload recorded through the engine's `Submit`, exactly as the command
    /// line records a file; returns once the receipt is committed.
    func record(_ upload: Upload, grant: AccessGrant, ex: Exchange) throws -> SubmitResult {
        let fields = upload.fields
        var request: SubmitRequest
        if grant.role == .agency {
            if let asked = Self.filled(fields, "agency"), plan.agency(matching: asked)?.code != grant.subject {
                throw Refusal.forbidden
            }
            if ["receivedAt", "note", "acceptLate", "reason"].contains(where: { Self.filled(fields, $0) != nil }) {
                throw Refusal(
                    .forbidden,
                    Localized(
                        vi: "chỉ Sở ghi được thời điểm nhận, ghi chú hay chấp nhận nộp muộn",
                        en: "only the Department records a receipt time, a note or a late acceptance"))
            }
            request = SubmitRequest(path: upload.file.path, read: ReadOptions(agency: grant.subject))
        } else {
            let acceptLate = Self.flag(fields, "acceptLate")
            request = SubmitRequest(
                path: upload.file.path, read: ReadOptions(agency: Self.filled(fields, "agency")),
                receivedAt: Self.filled(fields, "receivedAt"), note: Self.filled(fields, "note"),
                acceptLate: acceptLate, reason: Self.filled(fields, "reason"))
        }
        request.displayName = upload.fileName
        request.requester = ex.requester(grant)
        request.checksPages = false
        return try Submit().record(request, roundDirectory: round, clock: configuration.clock)
    }
}
