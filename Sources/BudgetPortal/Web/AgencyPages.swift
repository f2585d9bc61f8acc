import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer

/// The accountant's pages: the agency's state and receipts, the template, checking and
/// sending a file, the printable receipt.
extension Portal {
    func agencyHome(_ ex: inout Exchange) throws -> HTTPResponse {
        let grant = try self.grant(&ex, role: .agency)
        let record = try Status().agency(grant.subject, roundDirectory: round)
        let body: HTMLText = """
            \(stateLine(ex, record))
            <section>
            <h2>\(ex.t("1. Tải mẫu dự toán", "1. Download the template"))</h2>
            <p><a class="button" href="/agency/template.xlsx" download>\(ex.t("Tải mẫu Excel (.xlsx)", "Download the Excel template (.xlsx)"))</a> <a class="button" href="/agency/template.csv" download>\(ex.t("Tải mẫu CSV", "Download the CSV template"))</a></p>
            <p class="help">\(ex.t("Điền số liệu vào mẫu Excel (thành tiền và dòng tổng tự tính), lưu lại và gửi chính tệp .xlsx đó — không cần lưu thành CSV. Giữ nguyên các dòng tiêu đề.", "Fill in the Excel template (amounts and the total row calculate themselves), save it and send that .xlsx file as it is — no need to save as CSV. Keep the title rows."))</p>
            </section>
            <section>
            <h2>\(ex.t("2. Kiểm tra, rồi gửi tệp", "2. Check, then send the file"))</h2>
            \(uploadForm(ex, officer: false))
            </section>
            <section>
            <h2>\(ex.t("Các lần đã gửi", "Files sent"))</h2>
            \(receiptsTable(ex, record))
            </section>
            """
        return page(ex, title: ex.t("Gửi dự toán", "Send the estimate"), body: body)
    }

    /// "State: accepted — receipt 3 counts, total …".
    func stateLine(_ ex: Exchange, _ record: AgencyRecord) -> HTMLText {
        let status = record.status
        var line: HTMLText =
            "<p class=\"state state-\(status.state.rawValue)\">\(status.agency.name) (\(status.agency.code)): <strong>\(Labels.state(status.state, ex.language))</strong>"
        if let counted = status.counted {
            line +=
                " — \(ex.t("đang tính biên nhận số", "counted: receipt")) <a href=\"/receipts/\(counted.id)\">\(counted.id)</a>, \(ex.t("tổng", "total")) \(Self.money(counted.total))"
        }
        return line + "</p>"
    }

    /// The upload form: the token first, the file, then the two buttons (`Kiểm tra`
    /// checks and stores nothing, `Gửi` records). The officer's form adds the agency, the
    /// time and note of a file received by another channel, and a late acceptance.
    func uploadForm(_ ex: Exchange, officer: Bool) -> HTMLText {
        let csrf = ex.session?.csrf ?? ""
        var extra: HTMLText = ""
        var buttons: HTMLText
        if officer {
            let options: [HTMLText] = plan.agencies.map {
                "<option value=\"\($0.code)\">\($0.code) — \($0.name)</option>"
            }
            extra = """
                <label for="agency">\(ex.t("Đơn vị (bỏ trống: theo tệp)", "Agency (blank: as the file says)"))</label>
                <select id="agency" name="agency"><option value="">\(ex.t("— theo tệp —", "— as the file says —"))</option>\(options)</select>
                <fieldset><legend>\(ex.t("Tệp nhận qua đường khác (thư điện tử, bản giấy…)", "A file received by another channel (e-mail, paper…)"))</legend>
                <label for="receivedAt">\(ex.t("Thời điểm thực nhận", "When it really arrived"))</label>
                <input id="receivedAt" name="receivedAt" type="datetime-local" step="1">
                <label for="note">\(ex.t("Ghi chú (bắt buộc khi có thời điểm nhận)", "Note (required with a time)"))</label>
                <input id="note" name="note" type="text" maxlength="500">
                </fieldset>
                <fieldset><legend>\(ex.t("Ngoại lệ nộp muộn", "Late file by exception"))</legend>
                <label class="check"><input id="acceptLate" name="acceptLate" type="checkbox" value="on"> \(ex.t("Chấp nhận tệp nộp sau hạn", "Accept the file although late"))</label>
                <label for="reason">\(ex.t("Lý do (bắt buộc khi chấp nhận muộn)", "Reason (required to accept late)"))</label>
                <input id="reason" name="reason" type="text" maxlength="500">
                </fieldset>
                """
            buttons = """
                <button type="submit" formaction="/officer/submit" class="primary" id="send">\(ex.t("Ghi nhận tệp", "Record the file"))</button>
                """
        } else {
            buttons = """
                <button type="submit" formaction="/agency/check" id="check">\(ex.t("Kiểm tra", "Check"))</button>
                <button type="submit" formaction="/agency/submit" class="primary" id="send">\(ex.t("Gửi", "Send"))</button>
                """
        }
        let action = officer ? "/officer/submit" : "/agency/check"
        return """
            <form class="card upload" method="post" action="\(action)" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="\(csrf)">
            <label for="file">\(ex.t("Tệp dự toán (CSV hoặc Excel .xlsx, tối đa \(configuration.maxFileBytes >> 20) MiB)", "Estimate file (CSV or Excel .xlsx, at most \(configuration.maxFileBytes >> 20) MiB)"))</label>
            <input id="file" name="file" type="file" required accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
            \(extra)
            <div class="buttons">\(buttons)</div>
            <progress class="progress" max="100" value="0" hidden></progress>
            <p class="help">\(officer ? "" : ex.t("«Kiểm tra» chỉ xem lỗi, không lưu gì. «Gửi» ghi nhận tệp và cấp biên nhận.", "\"Check\" only shows the errors and stores nothing. \"Send\" records the file and gives a receipt."))</p>
            </form>
            """
    }

    /// An agency's receipts, oldest first, with links to each receipt page.
    func receiptsTable(_ ex: Exchange, _ record: AgencyRecord) -> HTMLText {
        guard !record.receipts.isEmpty else {
            return "<p>\(ex.t("Chưa gửi tệp nào.", "No file sent yet."))</p>"
        }
        var rows: [HTMLText] = []
        for r in record.receipts {
            let errors = r.findings.filter { $0.severity == .error }.count
            let warnings = r.findings.filter { $0.severity == .warning }.count
            var state: HTMLText = "\(Labels.decision(r.receipt.decision, ex.language))"
            if r.counted { state += " — <strong>\(ex.t("đang được tính", "counts"))</strong>" }
            if let void = r.receipt.voided { state += " — <strong>\(ex.t("ĐÃ HỦY", "VOID"))</strong>: \(void.reason)" }
            rows.append(
                """
                <tr><td><a href="/receipts/\(r.receipt.id)">\(r.receipt.id)</a></td><td class="file">\(r.receipt.fileName)</td><td>\(time(r.receipt.receivedAt, ex))</td><td>\(state)</td><td class="num">\(Self.money(r.receipt.total))</td><td class="num">\(errors) / \(warnings)</td></tr>
                """)
        }
        return """
            <table class="receipts">
            <thead><tr><th>\(ex.t("Số", "No."))</th><th>\(ex.t("Tệp", "File"))</th><th>\(ex.t("Nhận lúc", "Received"))</th><th>\(ex.t("Quyết định", "Decision"))</th><th>\(ex.t("Tổng", "Total"))</th><th>\(ex.t("Lỗi / cảnh báo", "Errors / warnings"))</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            """
    }

    /// The agency's template, as `budget template --format csv|xlsx` writes it: the
    /// workbook lets the accountant stay in Excel and send the `.xlsx` itself.
    func template(_ ex: inout Exchange, format: TemplateFormat) throws -> HTTPResponse {
        let grant = try self.grant(&ex, role: .agency)
        let bytes = try MakeTemplate().run(plan: plan, agency: grant.subject, format: format, now: now)
        switch format {
        case .csv:
            return download(bytes, type: "text/csv; charset=utf-8", name: "mau-du-toan-\(grant.subject).csv")
        case .xlsx:
            return download(
                bytes, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name: "mau-du-toan-\(grant.subject).xlsx")
        }
    }

    /// `Kiểm tra`: the file is streamed to the scratch folder, checked, removed; the
    /// result is kept in the session and shown by `/agency/checked` (post, redirect, get:
    /// reloading the result page does not upload again).
    func agencyCheck(_ ex: inout Exchange, body: inout HTTPBodyReader) throws -> HTTPResponse {
        let grant = try self.grant(&ex, role: .agency)
        let upload = try readUpload(ex, body: &body)
        defer { upload.file.remove() }
        try checkToken(ex, upload.fields)
        var checked = try check(upload, grant: grant, agency: nil)
        let omitted = max(0, checked.findings.count - Sessions.maxKeptFindings)
        if omitted > 0 { checked.findings.removeLast(omitted) }
        if let id = ex.session?.id {
            sessions.update(id) { $0.lastCheck = CheckedFile(check: checked, omittedFindings: omitted) }
        }
        return redirect("/agency/checked")
    }

    func agencyChecked(_ ex: inout Exchange) throws -> HTTPResponse {
        _ = try self.grant(&ex, role: .agency)
        guard let last = ex.session?.lastCheck else { return redirect("/agency") }
        let c = last.check
        let errors = c.findings.filter { $0.severity == .error }.count
        let warnings = c.findings.filter { $0.severity == .warning }.count
        let verdict: HTMLText =
            c.valid
            ? "<p class=\"verdict ok\">\(ex.t("HỢP LỆ — có thể gửi tệp này.", "VALID — this file can be sent."))</p>"
            : "<p class=\"verdict bad\">\(ex.t("CÓ LỖI — sửa các lỗi dưới đây rồi kiểm tra lại; nếu gửi bây giờ, tệp sẽ bị trả lại.", "ERRORS — correct them and check again; sent now, the file would be returned."))</p>"
        let body: HTMLText = """
            \(verdict)
            <dl class="facts">
            <dt>\(ex.t("Tệp", "File"))</dt><dd class="file">\(c.file)</dd>
            <dt>\(ex.t("Đơn vị", "Agency"))</dt><dd>\(c.agency.map { "\($0.code) — \($0.name)" } ?? ex.t("không rõ", "unknown"))</dd>
            <dt>\(ex.t("Số dòng", "Lines"))</dt><dd>\(c.lines)</dd>
            <dt>\(ex.t("Tổng", "Total"))</dt><dd>\(Self.money(c.total))</dd>
            <dt>\(ex.t("Lỗi / cảnh báo", "Errors / warnings"))</dt><dd>\(errors) / \(warnings)</dd>
            </dl>
            <p class="help">\(ex.t("Kết quả kiểm tra không được lưu; tệp chưa được gửi.", "Nothing was stored; the file has not been sent."))</p>
            \(findingsTable(ex, c.findings, omitted: last.omittedFindings))
            <section>
            <h2>\(ex.t("Kiểm tra lại hoặc gửi", "Check again or send"))</h2>
            \(uploadForm(ex, officer: false))
            </section>
            <p><a href="/agency">\(ex.t("Về trang của đơn vị", "Back to the agency's page"))</a></p>
            """
        return page(ex, title: ex.t("Kết quả kiểm tra", "Check result"), body: body)
    }

    /// `Gửi` (an agency) or `Ghi nhận tệp` (the officer): recorded through the engine's
    /// `Submit`, answered only once the receipt is committed, with a redirect to the
    /// printable receipt.
    func upload(_ ex: inout Exchange, body: inout HTTPBodyReader, role: AccessRole) throws -> HTTPResponse {
        let grant = try self.grant(&ex, role: role)
        let upload = try readUpload(ex, body: &body)
        defer { upload.file.remove() }
        try checkToken(ex, upload.fields)
        let result = try record(upload, grant: grant, ex: ex)
        return redirect("/receipts/\(result.receipt.id)")
    }

    /// The printable receipt: everything `submit` prints, the findings, and for the
    /// officer the annulment form. An agency sees only its own receipts (another's is 404,
    /// as if it did not exist).
    func receiptPage(_ ex: inout Exchange, _ text: String) throws -> HTTPResponse {
        let grant = try self.grant(&ex)
        guard let number = Int64(text), number > 0,
            let detail = try ReceiptLookup().receipt(number, roundDirectory: round)
        else { throw Refusal.notFound }
        let r = detail.result
        let receipt = r.receipt
        if grant.role == .agency && receipt.agency != grant.subject { throw Refusal.notFound }
        let lang = ex.language
        let agency =
            receipt.agency.flatMap { plan.agency(matching: $0) }.map { "\($0.code) — \($0.name)" }
            ?? ex.t("không rõ", "unknown")
        let onTime =
            r.onTime
            ? ex.t("đúng hạn", "on time")
            : ex.t("muộn ", "late by ")
                + DurationText.text(seconds: receipt.receivedAt.timeIntervalSince(plan.deadline.shown), lang)
        var facts: [HTMLText] = [
            "<dt>\(ex.t("Đơn vị", "Agency"))</dt><dd>\(agency)</dd>",
            "<dt>\(ex.t("Tệp", "File"))</dt><dd class=\"file\">\(receipt.fileName)</dd>",
            "<dt>\(ex.t("Nhận lúc", "Received"))</dt><dd>\(time(receipt.receivedAt, ex))\(receipt.clockKind == .simulated ? ex.t(" (đồng hồ mô phỏng)", " (simulated clock)") : "")</dd>",
        ]
        if receipt.declaredAt != nil {
            facts.append("<dt>\(ex.t("Ghi sổ lúc", "Recorded"))</dt><dd>\(time(receipt.recordedAt, ex))</dd>")
        }
        facts += [
            "<dt>\(ex.t("Hạn", "Deadline"))</dt><dd>\(time(plan.deadline.shown, ex)) — \(onTime)</dd>",
            "<dt>\(ex.t("Quyết định", "Decision"))</dt><dd class=\"decision decision-\(receipt.decision.rawValue)\"><strong>\(Labels.decision(receipt.decision, lang).uppercased())</strong></dd>",
            "<dt>\(ex.t("Số dòng; tổng", "Lines; total"))</dt><dd>\(r.check.lines); \(Self.money(r.check.total))</dd>",
            "<dt>SHA-256</dt><dd class=\"hash\">\(receipt.sha256)</dd>",
        ]
        if let note = receipt.note { facts.append("<dt>\(ex.t("Ghi chú", "Note"))</dt><dd>\(note)</dd>") }
        if let reason = receipt.reason { facts.append("<dt>\(ex.t("Lý do", "Reason"))</dt><dd>\(reason)</dd>") }
        if let earlier = r.supersedes {
            facts.append(
                "<dt>\(ex.t("Thay thế", "Replaces"))</dt><dd>\(ex.t("biên nhận số", "receipt")) \(earlier.id) (\(earlier.fileName))</dd>"
            )
        }
        if let duplicate = receipt.duplicateOf {
            facts.append(
                "<dt>\(ex.t("Trùng nội dung", "Identical to"))</dt><dd>\(ex.t("biên nhận số", "receipt")) \(duplicate)</dd>"
            )
        }
        facts.append(
            "<dt>\(ex.t("Hiện nay", "Now"))</dt><dd>\(detail.countsNow ? ex.t("đang được tính vào tổng hợp", "counts in the sums") : ex.t("không được tính", "does not count"))</dd>"
        )
        var void: HTMLText = ""
        if let voided = receipt.voided {
            void =
                "<p class=\"void\"><strong>\(ex.t("ĐÃ HỦY", "VOID"))</strong> — \(voided.reason) (\(time(voided.recordedAt, ex)))</p>"
        } else if grant.role == .officer {
            void = """
                <form class="card noprint" method="post" action="/receipts/\(receipt.id)/void">
                <input type="hidden" name="csrf" value="\(ex.session?.csrf ?? "")">
                <label for="reason">\(ex.t("Hủy biên nhận này (ghi nhầm đơn vị, nhầm tệp) — lý do", "Void this receipt (wrong agency, wrong file) — reason"))</label>
                <input id="reason" name="reason" type="text" required maxlength="500">
                <button type="submit" class="danger">\(ex.t("Hủy biên nhận", "Void the receipt"))</button>
                </form>
                """
        }
        let advice: HTMLText
        switch receipt.decision {
        case .returned:
            advice =
                "<p class=\"verdict bad\">\(ex.t("Tệp đã được lưu nhưng bị trả lại: sửa các lỗi dưới đây rồi gửi lại.", "The file is kept but returned: correct the errors below and send it again."))</p>"
        case .refusedLate:
            advice =
                "<p class=\"verdict bad\">\(ex.t("Tệp đến sau hạn: đã được lưu nhưng không được tính. Liên hệ Sở nếu cần ngoại lệ.", "The file came after the deadline: it is kept but does not count. Contact the Department for an exception."))</p>"
        default:
            advice = ""
        }
        let back = grant.role == .officer ? "/officer" + (receipt.agency.map { "/agencies/\($0)" } ?? "") : "/agency"
        let body: HTMLText = """
            <article class="receipt">
            <p class="issuer">\(plan.consolidator.name)</p>
            \(advice)
            \(void)
            <dl class="facts">\(facts)</dl>
            <h2>\(ex.t("Kết quả kiểm tra", "Findings"))</h2>
            \(findingsTable(ex, r.check.findings))
            </article>
            <p class="noprint"><button type="button" class="print" hidden>\(ex.t("In biên nhận", "Print the receipt"))</button> <span class="help">\(ex.t("(hoặc dùng lệnh In của trình duyệt, Ctrl+P)", "(or the browser's Print command, Ctrl+P)"))</span></p>
            <p class="noprint"><a href="\(back)">\(ex.t("Quay lại", "Back"))</a></p>
            """
        return page(
            ex, title: ex.t("Biên nhận số \(receipt.id)", "Receipt \(receipt.id)"), body: body)
    }
}
