import BudgetCore
import BudgetFormats
import BudgetRules
import BudgetStore
import Foundation

/// What the cover memo shows beyond the consolidation.
public struct MemoOptions: Sendable {
    /// The memo's number and symbol, as written after "Số:" ("45/TTr-STTTT").
    public var number: String?
    /// The signer's name.
    public var signer: String?
    /// The signer's title ("GIÁM ĐỐC"); derived from the consolidator's name when absent.
    public var signerTitle: String?

    public init(number: String? = nil, signer: String? = nil, signerTitle: String? = nil) {
        self.number = number
        self.signer = signer
        self.signerTitle = signerTitle
    }
}

/// Builds the template contexts of the package's two HTML documents. Pure: values in,
/// values out; the layouts themselves are templates users may edit.
enum PackageDocuments {
    static func text(_ s: String) -> TemplateValue { .text(s) }

    /// The title a consolidator's head signs with, from the kind of body it is.
    static func defaultSignerTitle(_ consolidator: Party) -> String {
        let key = Folding.key(consolidator.name)
        if key.hasPrefix("so ") { return "GIÁM ĐỐC" }
        if key.hasPrefix("phong ") { return "TRƯỞNG PHÒNG" }
        if key.hasPrefix("ban ") { return "TRƯỞNG BAN" }
        if key.hasPrefix("van phong ") { return "CHÁNH VĂN PHÒNG" }
        return "THỦ TRƯỞNG CƠ QUAN"
    }

    /// The number line, or blanks where it is written by hand: "Số: 45/TTr-STTTT" in a
    /// state document (Nghị định 30/2020/NĐ-CP), "Số 12-TTr/BTG" in a Party one (Hướng dẫn
    /// 36-HD/VPTW: no colon, the number joined to the type by a hyphen).
    static func numberLine(_ number: String?, consolidator: Party, authority: Authority = .state) -> String {
        let given = number.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        // No-break spaces: the blank where the number is written by hand must not collapse.
        switch authority {
        case .state:
            if !given.isEmpty { return "Số: " + given }
            return "Số:" + String(repeating: "\u{00A0}", count: 12) + "/TTr-\(consolidator.code)"
        case .party:
            if !given.isEmpty { return "Số " + given }
            return "Số" + String(repeating: "\u{00A0}", count: 10) + "-TTr/\(consolidator.code)"
        }
    }

    /// The superior body named above the consolidator. A Party document names the
    /// committee, not its standing committee or permanent board (Hướng dẫn 36-HD/VPTW):
    /// "Ban Thường vụ Tỉnh ủy Phú Yên" heads as "TỈNH ỦY PHÚ YÊN".
    static func superiorBody(_ plan: Plan) -> String {
        var name = plan.issuer
        if plan.authority == .party {
            for prefix in ["Ban Thường vụ ", "Ban thường vụ ", "Thường trực ", "Thường vụ "]
            where name.hasPrefix(prefix) {
                name = String(name.dropFirst(prefix.count))
                break
            }
        }
        return name.uppercased()
    }

    /// Text for the papers with their one style of quotation marks, “…”, as Vietnamese
    /// administrative documents write them: messages from the findings catalogue quote
    /// with «…», which the papers turn into “…”.
    static func documentQuotes(_ text: String) -> String {
        guard text.contains("«") || text.contains("»") else { return text }
        return text.replacingOccurrences(of: "«", with: "“").replacingOccurrences(of: "»", with: "”")
    }

    static func memo(
        _ c: Consolidation, findings: [Int64: [Finding]], now: Date, clockKind: ClockKind, options: MemoOptions,
        chart: String, lineCount: Int, detailSheets: Int
    ) -> [String: TemplateValue] {
        let plan = c.plan
        let zone = plan.timeZone
        let counted = c.agencies.filter { $0.counted != nil }
        var agencyRows: [[String: TemplateValue]] = []
        for (n, a) in c.agencies.enumerated() {
            // Every state but the ordinary one is noted, in the glossary's words.
            let note = a.state == .accepted ? "" : Labels.capitalized(Labels.state(a.state, .vi))
            agencyRows.append([
                "stt": text("\(n + 1)"), "ma": text(a.agency.code), "ten": text(a.agency.name),
                "nhan_luc": text(a.counted.map { VietnameseDates.short($0.receivedAt, zone: zone) } ?? ""),
                "so_dong": text(a.counted.map { "\($0.lineCount)" } ?? ""),
                "tong": text(a.total?.grouped() ?? ""), "ghi_chu": text(note),
            ])
        }
        let items: [[String: TemplateValue]] = c.items.map { i in
            [
                "ma": text(i.item.code), "ten": text(i.item.title), "tran": text(i.item.cap?.grouped() ?? ""),
                "tong": text(i.total.grouped()), "vuot": .bool(i.overCap),
            ]
        }
        let missing: [[String: TemplateValue]] = c.missing.map {
            ["ten": text($0.agency.name), "ma": text($0.agency.code)]
        }
        let late: [[String: TemplateValue]] = c.agencies.compactMap { a in
            guard a.state == .acceptedLate, let r = a.counted else { return nil }
            return [
                "ten": text(a.agency.name), "nhan_luc": text(VietnameseDates.short(r.receivedAt, zone: zone)),
                "ly_do": text(r.reason ?? ""),
            ]
        }
        let refused: [[String: TemplateValue]] = c.agencies.compactMap { a in
            guard a.state == .refusedLate, let r = a.latest else { return nil }
            return ["ten": text(a.agency.name), "nhan_luc": text(VietnameseDates.short(r.receivedAt, zone: zone))]
        }
        let returned: [[String: TemplateValue]] = c.agencies.compactMap { a in
            guard a.state == .returned, let r = a.latest else { return nil }
            return [
                "ten": text(a.agency.name), "nhan_luc": text(VietnameseDates.short(r.receivedAt, zone: zone)),
                "so_loi": text("\((findings[r.id] ?? []).filter(\.isError).count)"),
            ]
        }
        let over: [[String: TemplateValue]] = c.items.compactMap { i in
            guard i.overCap, let cap = i.item.cap else { return nil }
            return [
                "ma": text(i.item.code), "ten": text(i.item.title), "tong": text(i.total.grouped()),
                "tran": text(cap.grouped()), "vuot": text(Money(dong: i.total.dong - cap.dong).grouped()),
            ]
        }
        let split = detailSheets > 1
        let transposed = ReportTables.matrixIsTransposed(c)
        var basis: [[String: TemplateValue]] = [["noi_dung": text(plan.title)]]
        if let reference = plan.reference { basis.append(["noi_dung": text(reference)]) }
        let hasNotes =
            !missing.isEmpty || !late.isEmpty || !refused.isEmpty || !returned.isEmpty || !over.isEmpty || split
            || transposed
        let party = plan.authority == .party
        // A Party document lists its recipients each ending in a comma and keeps its copy
        // "Lưu" without a colon (Hướng dẫn 36-HD/VPTW); a state one uses semicolons and
        // "Lưu: VT." (Nghị định 30/2020/NĐ-CP).
        let recipients: [String] =
            party
            ? ["Như trên,", "\(plan.issuer) (báo cáo),", "Lưu \(plan.consolidator.name)."]
            : ["Như trên;", "\(plan.issuer) (b/c);", "Lưu: VT."]
        return [
            "tieu_de_trang": text("Tờ trình — \(plan.id)" + PeriodText.pageSuffix(plan)),
            "mo_phong": .bool(clockKind == .simulated),
            "thoi_diem_mo_phong": text(VietnameseDates.short(now, zone: zone)),
            "dang": .bool(party),
            "co_quan_chu_quan": text(superiorBody(plan)),
            "co_quan": text(plan.consolidator.name.uppercased()),
            "so_ky_hieu": text(numberLine(options.number, consolidator: plan.consolidator, authority: plan.authority)),
            "dia_danh_ngay": text(VietnameseDates.placeAndDate(plan.place, now, zone: zone)),
            "trich_yeu": text(
                "Về việc đề nghị thẩm định dự toán kinh phí" + (plan.period.map { " \($0.vietnamese)" } ?? "")
                    + " thực hiện " + lowerFirst(plan.title)),
            "noi_nhan_chinh": text(plan.recipient.name),
            "can_cu": .list(basis),
            "ten_co_quan": text(plan.consolidator.name),
            "so_don_vi_nop": text("\(counted.count)"),
            "so_don_vi": text("\(c.agencies.count)"),
            "don_vi": .list(agencyRows),
            "tong_so_dong": text("\(lineCount)"),
            "tong_cong": text(c.grandTotal.grouped()),
            "bang_chu": text(VietnameseNumberWords.words(for: c.grandTotal)),
            "bieu_do": .raw(chart),
            "noi_dung": .list(items),
            "co_luu_y": .bool(hasNotes),
            "thieu": .list(missing),
            "nop_muon": .list(late),
            "tu_choi": .list(refused),
            "tra_lai": .list(returned),
            "vuot_tran": .list(over),
            "tach_trang": .bool(split),
            "so_dong_chi_tiet": text(NumberText.grouped(Int64(lineCount))),
            "so_trang_chi_tiet": text("\(detailSheets)"),
            "ma_tran_xoay": .bool(transposed),
            "so_noi_dung": text(NumberText.grouped(Int64(c.items.count))),
            "so_cot_toi_da": text(NumberText.grouped(Int64(XLSXOptions.excelMaxColumns))),
            "cap_tren": text(plan.issuer),
            "chuc_vu": text(options.signerTitle ?? defaultSignerTitle(plan.consolidator)),
            "nguoi_ky": text(options.signer ?? ""),
            "noi_nhan": .list(recipients.map { ["noi_dung": text($0)] }),
        ]
    }

    /// "Kế hoạch …" → "kế hoạch …", for the subject line that continues a sentence.
    static func lowerFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return String(first).lowercased() + s.dropFirst()
    }

    /// A receipt's decision as the intake report writes it, from the glossary.
    static func decisionText(_ d: Decision) -> String { Labels.capitalized(Labels.decision(d, .vi)) }

    static func intakeReport(
        _ c: Consolidation, findings: [Int64: [Finding]], now: Date, clockKind: ClockKind
    ) -> [String: TemplateValue] {
        let plan = c.plan
        let zone = plan.timeZone
        let countedIDs = Set(c.counted.map(\.id))
        var supersededBy: [Int64: Int64] = [:]
        for a in c.agencies {
            var lastCounted: Int64? = nil
            for r in a.receipts where r.decision.counts && r.valid && r.voided == nil {
                if let earlier = lastCounted { supersededBy[earlier] = r.id }
                lastCounted = r.id
            }
        }
        let rows: [[String: TemplateValue]] = c.receipts.map { r in
            var notes: [[String: TemplateValue]] = []
            if let note = r.note { notes.append(["noi_dung": text("Ghi chú: " + note)]) }
            if let reason = r.reason { notes.append(["noi_dung": text("Lý do chấp nhận sau hạn: " + reason)]) }
            if let dup = r.duplicateOf { notes.append(["noi_dung": text("Trùng nội dung với biên nhận số \(dup).")]) }
            if let later = supersededBy[r.id] {
                notes.append(["noi_dung": text("Được thay thế bởi biên nhận số \(later).")])
            }
            if let void = r.voided {
                let when = VietnameseDates.short(void.recordedAt, zone: zone)
                notes.append([
                    "noi_dung": text("\(Labels.capitalized(Labels.voided(.vi))) lúc \(when), lý do: \(void.reason)")
                ])
            }
            if countedIDs.contains(r.id) { notes.append(["noi_dung": text("Được tính vào tổng hợp.")]) }
            let list: [[String: TemplateValue]] = (findings[r.id] ?? []).map { f in
                [
                    "vi_tri": text(f.line.map { "Dòng \($0):" } ?? ""), "ma": text(f.code.rawValue),
                    "thong_bao": text(documentQuotes(f.message(.vi))), "la_loi": .bool(f.severity == .error),
                ]
            }
            let agency =
                r.agency.flatMap { plan.agency(matching: $0) }.map { "\($0.code) — \($0.name)" } ?? "Không xác định"
            return [
                "so": text("\(r.id)"), "ten_tep": text(r.fileName), "don_vi": text(agency),
                "nhan_luc": text(VietnameseDates.short(r.receivedAt, zone: zone)),
                "ghi_so_luc": text(VietnameseDates.short(r.recordedAt, zone: zone)),
                "quyet_dinh": text(decisionText(r.decision) + (r.voided == nil ? "" : " — " + Labels.voided(.vi))),
                "tong": text(r.total?.grouped() ?? ""),
                "sha256": text(r.sha256), "ghi_chu": .list(notes),
                "phat_hien": .bool(!list.isEmpty), "danh_sach": .list(list),
            ]
        }
        return [
            "tieu_de_trang": text("Báo cáo tiếp nhận — \(plan.id)" + PeriodText.pageSuffix(plan)),
            "mo_phong": .bool(clockKind == .simulated),
            "thoi_diem_mo_phong": text(VietnameseDates.short(now, zone: zone)),
            "ke_hoach": text(plan.title + PeriodText.titleSuffix(plan)),
            "han": text(VietnameseDates.short(plan.deadline.shown, zone: zone)),
            "lap_luc": text(VietnameseDates.short(now, zone: zone)),
            "bien_nhan": .list(rows),
            "so_tep": text("\(c.receipts.count)"),
            "so_tep_tinh": text("\(countedIDs.count)"),
        ]
    }
}
