import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer

/// The officer's pages: the board, one agency, recording a file, voiding, the package and
/// the summary sheets, the journal.
extension Portal {
    func officerBoard(_ ex: inout Exchange) throws -> HTTPResponse {
        _ = try grant(&ex, role: .officer)
        let status = try Status().run(roundDirectory: round, clock: configuration.clock)
        let c = status.consolidation
        let lang = ex.language
        var rows: [HTMLText] = []
        for a in c.agencies {
            let received = (a.counted ?? a.latest).map { time($0.receivedAt, ex) } ?? "—"
            rows.append(
                """
                <tr class="state-\(a.state.rawValue)"><td><a href="/officer/agencies/\(a.agency.code)">\(a.agency.code)</a></td><td>\(a.agency.name)</td><td>\(Labels.state(a.state, lang))</td><td>\(received)</td><td class="num">\(Self.money(a.total))</td><td class="num">\(a.receipts.count)</td></tr>
                """)
        }
        let byState = Dictionary(grouping: c.agencies) { $0.state.rawValue }
        let summary: [HTMLText] = ["accepted", "accepted-late", "returned", "refused-late", "missing"].compactMap {
            raw in
            byState[raw].flatMap { group in
                group.first.map { "<li>\(Labels.state($0.state, lang)): <strong>\(group.count)</strong></li>" }
            }
        }
        let findings: [HTMLText] = c.findings.map { "<li>\($0.message(lang))</li>" }
        let unattributed: [HTMLText] = c.unattributed.map {
            "<li><a href=\"/receipts/\($0.id)\">\(ex.t("Biên nhận số", "Receipt")) \($0.id)</a> — \($0.fileName)</li>"
        }
        let sheets: [HTMLText] = [
            ("agencies", ex.t("Theo đơn vị", "By agency")), ("items", ex.t("Theo nội dung", "By item")),
            ("matrix", ex.t("Ma trận", "Matrix")), ("lines", ex.t("Chi tiết", "Lines")),
        ].map { what, label in
            "<li>\(label): <a href=\"/officer/sheets/\(what).csv\">CSV</a> · <a href=\"/officer/sheets/\(what).xlsx\">XLSX</a> · <a href=\"/officer/sheets/\(what).html\">HTML</a></li>"
        }
        let body: HTMLText = """
            <ul class="summary">\(summary)</ul>
            <p class="total">\(ex.t("Tổng cộng", "Grand total")): <strong>\(Self.money(c.grandTotal))</strong> <small>(\(c.grandTotalInWords))</small></p>
            \(findings.isEmpty ? "" : "<h2>\(ex.t("Lưu ý", "Notes"))</h2><ul class=\"warnings\">\(findings)</ul>")
            <table class="board">
            <thead><tr><th>\(ex.t("Mã", "Code"))</th><th>\(ex.t("Đơn vị", "Agency"))</th><th>\(ex.t("Trạng thái", "State"))</th><th>\(ex.t("Nhận lúc", "Received"))</th><th>\(ex.t("Tổng", "Total"))</th><th>\(ex.t("Số lần gửi", "Files"))</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            \(unattributed.isEmpty ? "" : "<h2>\(ex.t("Tệp không rõ đơn vị", "Files of no known agency"))</h2><ul>\(unattributed)</ul>")
            <section>
            <h2>\(ex.t("Ghi nhận một tệp", "Record a file"))</h2>
            \(uploadForm(ex, officer: true))
            </section>
            <section>
            <h2>\(ex.t("Gói hồ sơ gửi Sở Tài chính", "The package for the Department of Finance"))</h2>
            <form class="card" method="post" action="/officer/package.zip">
            <input type="hidden" name="csrf" value="\(ex.session?.csrf ?? "")">
            <label for="number">\(ex.t("Số tờ trình (bỏ trống: viết tay)", "Memo number (blank: written by hand)"))</label>
            <input id="number" name="number" type="text" maxlength="100">
            <label for="signer">\(ex.t("Người ký", "Signer"))</label>
            <input id="signer" name="signer" type="text" maxlength="200">
            <button type="submit" class="primary" id="package">\(ex.t("Lập và tải gói (ZIP)", "Build and download the package (ZIP)"))</button>
            </form>
            <h3>\(ex.t("Từng bảng tổng hợp", "Each summary sheet"))</h3>
            <ul>\(sheets)</ul>
            <p><a href="/officer/journal">\(ex.t("Nhật ký thao tác", "Journal of actions"))</a></p>
            </section>
            """
        return page(ex, title: ex.t("Bảng theo dõi", "Status board"), body: body)
    }

    func officerAgency(_ ex: inout Exchange, _ code: String) throws -> HTTPResponse {
        _ = try grant(&ex, role: .officer)
        guard plan.agency(matching: code) != nil else { throw Refusal.notFound }
        let record = try Status().agency(code, roundDirectory: round)
        var sections: [HTMLText] = []
        for r in record.receipts where !r.findings.isEmpty {
            sections.append(
                """
                <h3><a href="/receipts/\(r.receipt.id)">\(ex.t("Biên nhận số", "Receipt")) \(r.receipt.id)</a> — \(r.receipt.fileName)</h3>
                \(findingsTable(ex, r.findings))
                """)
        }
        let body: HTMLText = """
            \(stateLine(ex, record))
            \(receiptsTable(ex, record))
            \(sections)
            <p><a href="/officer">\(ex.t("Về bảng theo dõi", "Back to the board"))</a></p>
            """
        return page(ex, title: record.status.agency.name, body: body)
    }

    func voidForm(_ ex: inout Exchange, _ text: String, body: inout HTTPBodyReader) throws -> HTTPResponse {
        let grant = try self.grant(&ex, role: .officer)
        let fields = try formFields(ex, body: &body)
        try checkToken(ex, fields)
        let number = try voidReceipt(text, reason: fields["reason"], grant: grant, ex: ex).receipt.id
        return redirect("/receipts/\(number)")
    }

    /// Voids through the engine's `VoidReceipt`: 404 for an unknown receipt, 409 for one
    /// already void (or an annulment the round refuses), 400 without a reason.
    func voidReceipt(_ text: String, reason: String?, grant: AccessGrant, ex: Exchange) throws -> VoidResult {
        guard let number = Int64(text), number > 0,
            let detail = try ReceiptLookup().receipt(number, roundDirectory: round)
        else { throw Refusal.notFound }
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Refusal(
                .badRequest, Localized(vi: "cần lý do hủy biên nhận", en: "a reason is needed to void a receipt"))
        }
        if let earlier = detail.result.receipt.voided {
            throw Refusal(
                .conflict,
                Localized(
                    vi: "biên nhận số \(number) đã bị hủy («\(earlier.reason)»)",
                    en: "receipt \(number) is already void (\"\(earlier.reason)\")"))
        }
        do {
            return try VoidReceipt().run(
                number: number, reason: reason, roundDirectory: round, clock: configuration.clock,
                requester: ex.requester(grant))
        } catch {
            // Voided by someone else meanwhile, or an annulment that would overflow a total.
            if error.kind == .usage { throw Refusal(.conflict, error.message, details: error.details) }
            throw error
        }
    }

    /// Builds the package in the scratch folder through the engine's `BuildPackage` and
    /// streams its ZIP; recorded in the journal (who took the package, when).
    func packageDownload(_ ex: inout Exchange, body: inout HTTPBodyReader) throws -> HTTPResponse {
        let grant = try self.grant(&ex, role: .officer)
        let fields = try formFields(ex, body: &body)
        try checkToken(ex, fields)
        return try buildPackage(
            grant: grant, ex: ex, number: Self.filled(fields, "number"), signer: Self.filled(fields, "signer"))
    }

    func buildPackage(grant: AccessGrant, ex: Exchange, number: String?, signer: String?) throws -> HTTPResponse {
        let folder = scratch.newPath("goi")
        try LocalFileSystem().createDirectory(folder)
        let out = (folder as NSString).appendingPathComponent("goi-gui-so-tai-chinh")
        var memo = MemoOptions()
        memo.number = number
        memo.signer = signer
        let result: PackageResult
        do {
            result = try BuildPackage().run(
                PackageRequest(out: out, zip: true, memo: memo), roundDirectory: round, clock: configuration.clock)
        } catch {
            scratch.remove(folder)
            throw error
        }
        guard let zip = result.zipPath else {
            scratch.remove(folder)
            throw Refusal(.serviceUnavailable, Localized(vi: "không lập được ZIP", en: "the ZIP was not made"))
        }
        try journal(EventRecord(actor: grant.actor, address: ex.client, action: "package", detail: "zip"))
        return try download(file: zip, type: "application/zip", name: "goi-gui-so-tai-chinh.zip", remove: folder)
    }

    /// One summary sheet through the engine's `Export`: `agencies|items|matrix|lines` ×
    /// `csv|xlsx|html`, written in the scratch folder and streamed.
    func sheet(_ ex: inout Exchange, _ name: String) throws -> HTTPResponse {
        _ = try grant(&ex, role: .officer)
        let parts = name.split(separator: ".").map(String.init)
        guard parts.count == 2, let what = ReportTable.Kind(rawValue: parts[0]),
            let format = ExportFormat(rawValue: parts[1]), [.csv, .xlsx, .html].contains(format)
        else { throw Refusal.notFound }
        let path = scratch.newPath(name)
        do {
            try Export().run(
                ExportRequest(what: what, format: format, output: .file(path)), roundDirectory: round,
                clock: configuration.clock, standardOutput: { _ in })
        } catch {
            scratch.remove(path)
            throw error
        }
        let type: String
        switch format {
        case .csv: type = "text/csv; charset=utf-8"
        case .xlsx: type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        default: type = "text/html; charset=utf-8"
        }
        return try download(file: path, type: type, name: name, remove: path)
    }

    /// The latest 500 entries of the round's journal.
    func journalPage(_ ex: inout Exchange) throws -> HTTPResponse {
        _ = try grant(&ex, role: .officer)
        let entries = try RecordEvent().journal(roundDirectory: round, limit: 500)
        let rows: [HTMLText] = entries.reversed().map { e in
            let receipt: HTMLText = e.receiptID.map { "<a href=\"/receipts/\($0)\">\($0)</a>" } ?? ""
            return
                "<tr><td>\(e.id)</td><td>\(time(e.at, ex))\(e.simulatedClock ? "*" : "")</td><td>\(e.actor)</td><td>\(e.address ?? "")</td><td>\(e.action)</td><td>\(receipt)</td><td>\(e.detail ?? "")</td></tr>"
        }
        let body: HTMLText = """
            <table class="journal">
            <thead><tr><th>#</th><th>\(ex.t("Lúc", "At"))</th><th>\(ex.t("Ai", "Who"))</th><th>\(ex.t("Địa chỉ", "Address"))</th><th>\(ex.t("Việc", "Action"))</th><th>\(ex.t("Biên nhận", "Receipt"))</th><th>\(ex.t("Chi tiết", "Detail"))</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            <p class="help">\(ex.t("* đồng hồ mô phỏng", "* simulated clock"))</p>
            <p><a href="/officer">\(ex.t("Về bảng theo dõi", "Back to the board"))</a></p>
            """
        return page(ex, title: ex.t("Nhật ký thao tác", "Journal of actions"), body: body)
    }
}
