import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/mystery`: the plan of visits and calls, the scores per location, staff member and item, and the weeks on one time
/// axis beside compliance and CSAT; `/mystery/visits/{id}`: the shopper's form, which keeps working offline (answers wait
/// in the phone's storage and are sent once the network is back; a resend is stored once), with the photos stored with a
/// reported visit as thumbnails; `/mystery/visits/{id}/photos/{item}/{n}`: one photo, for signed-in readers only.
struct MysteryPagesController {
    let repository: any MysteryShoppingRepository
    let scores: MysteryScoreBuilder
    let reference: any ReferenceRepository
    let pages: PageRenderer
    let timeZone: TimeZone
    /// How far back the page looks.
    static let weeks = 12

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("mystery", use: overview)
        group.get("mystery/visits/{id}", use: form)
        group.get("mystery/visits/{id}/photos/{item}/{n}", use: photo)
        group.post("mystery/results", use: report)
    }

    func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    static func figure(_ value: MetricValue, text: [String: String]) -> MysteryFigure {
        guard let mean = value.value else { return MysteryFigure(value: "—", ci: value.n > 0 ? (text["mystery_too_few"] ?? "") : "", n: value.n) }
        let ci = value.ciLow.flatMap { low in value.ciHigh.map { String(format: "[%.1f; %.1f]", low, $0) } } ?? ""
        return MysteryFigure(value: String(format: "%.1f", mean), ci: ci, n: value.n)
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let names = try await ReferenceNames.load(reference)
        let now = Date()
        let from = now.addingTimeInterval(-Double(Self.weeks) * 7 * 86_400)
        let checklists = try await repository.checklists()
        let itemNames = Dictionary(checklists.flatMap { list in list.items.map { ($0.code, $0.text) } }, uniquingKeysWith: { first, _ in first })
        let plan = try await repository.visits(from: from, to: nil, visibleTo: context).map { visit, reported in
            MysteryOverviewPage.PlanRow(
                id: visit.id, href: "/mystery/visits/\(visit.id)", location: names.name(.location, visit.location),
                channel: text["mystery_channel_\(visit.channel.rawValue)"] ?? visit.channel.rawValue,
                period: "\(day(visit.from)) – \(day(visit.to.addingTimeInterval(-1)))",
                status: reported ? (text["mystery_reported"] ?? "") : (text["mystery_planned"] ?? ""), reported: reported)
        }
        func rows(_ dimension: MysteryScoreBuilder.Dimension, _ label: (String) -> String) async throws -> [MysteryOverviewPage.ScoreRow] {
            try await scores.scores(by: dimension, from: from, to: nil, scope: context.accessScope).map { row in
                let figure = Self.figure(row.score, text: text)
                return MysteryOverviewPage.ScoreRow(key: row.key, label: label(row.key), value: figure.value, ci: figure.ci, n: figure.n)
            }
        }
        let byLocation = try await rows(.location) { names.name(.location, $0) }
        let byStaff = try await rows(.staff) { names.name(.staff, $0) }
        let byItem = try await rows(.item) { itemNames[$0] ?? $0 }
        let timeline = try await scores.timeline(from: from, to: now, scope: context.accessScope).map { week in
            MysteryOverviewPage.Week(
                week: week.week, mystery: Self.figure(week.mystery, text: text), compliance: Self.figure(week.compliance, text: text),
                csat: Self.figure(week.csat, text: text))
        }
        let page = MysteryOverviewPage(
            plan: plan, hasPlan: !plan.isEmpty, byLocation: byLocation, byStaff: byStaff, byItem: byItem, hasScores: !byLocation.isEmpty,
            timeline: timeline, hasTimeline: !timeline.isEmpty, weeks: Self.weeks,
            checklists: checklists.map { MysteryOverviewPage.Checklist(code: $0.code, title: $0.title, items: $0.items.count) },
            hasChecklists: !checklists.isEmpty)
        return pages.render("mystery", page: page, title: text["mystery"] ?? "Mystery shopping", request: request, context: context)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let id = try context.parameters.require("id")
        let visit = try await repository.visibleVisit(id: id, context: context)
        guard let checklist = try await repository.checklist(code: visit.checklist) else {
            throw OtklikError(.notFound, "no planned visit '\(id)'", field: "id")
        }
        let names = try await ReferenceNames.load(reference)
        let staff = try await reference.staff().filter { $0.location == visit.location }
        let items = checklist.items.enumerated().map { index, item in
            MysteryFormPage.Item(
                index: index, code: item.code, text: item.text, weight: String(format: "%g", item.weight), yesNo: item.kind == .yesNo,
                phrase: item.requiredPhrase ?? "", hasPhrase: item.requiredPhrase != nil, photo: item.photo,
                points: (0...(item.maxScore ?? 5)).map { MysteryFormPage.Point(value: $0, id: "a\(index)-\($0)") })
        }
        let reported = try await repository.visits(from: nil, to: nil).first { $0.visit.id == visit.id }?.reported ?? false
        let itemTexts = Dictionary(checklist.items.map { ($0.code, $0.text) }, uniquingKeysWith: { first, _ in first })
        let photoWord = text["mystery_photo"] ?? "Photo"
        let photos = try await repository.photos(visit: visit.id).map { photo in
            let itemText = itemTexts[photo.item] ?? photo.item
            return MysteryFormPage.Photo(
                href: "/mystery/visits/\(Self.encoded(visit.id))/photos/\(Self.encoded(photo.item))/\(photo.position + 1)",
                alt: "\(photoWord) \(photo.position + 1): \(itemText)", item: itemText)
        }
        let page = MysteryFormPage(
            id: visit.id, title: checklist.title, location: names.name(.location, visit.location), locationCode: visit.location,
            channel: text["mystery_channel_\(visit.channel.rawValue)"] ?? visit.channel.rawValue,
            period: "\(day(visit.from)) – \(day(visit.to.addingTimeInterval(-1)))", items: items,
            staff: staff.map { MysteryFormPage.Option(code: $0.code, label: $0.name) }, hasStaff: !staff.isEmpty, reported: reported,
            photos: photos, hasPhotos: !photos.isEmpty, maxPhotos: MysteryPhoto.maxPerItem)
        return pages.render("mystery-form", page: page, title: "\(text["mystery_form"] ?? "Mystery shopping") \(visit.id)", request: request, context: context)
    }

    /// One stored photo (`…/photos/ITEM/N`, N from 1), for signed-in readers only: its type as read from its bytes when
    /// stored, shown in place, never sniffed, never kept by a shared cache.
    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let item = try context.parameters.require("item")
        _ = try await repository.visibleVisit(id: id, context: context)
        guard let number = Int(try context.parameters.require("n")), number >= 1,
            let photo = try await repository.photo(visit: id, item: item, position: number - 1)
        else { throw OtklikError(.notFound, "no such photo of visit '\(id)'", field: "n") }
        let ext = photo.contentType == "image/png" ? "png" : photo.contentType == "image/webp" ? "webp" : "jpg"
        let name = "\(id)-\(item)-\(number).\(ext)".filter { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        return Response(
            status: .ok,
            headers: [
                .contentType: photo.contentType, .contentDisposition: "inline; filename=\"\(name)\"", .xContentTypeOptions: "nosniff",
                .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: photo.data)))
    }

    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#%"))) ?? text }

    /// The offline form's upload: JSON with the session and its anti-forgery token in a header; the shopper is the
    /// signed-in user. 201 stored, 200 already stored (a resend from the queue).
    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user else { throw OtklikError(.unauthorized, "sign in first") }
        var input = try await JSONBody.decode(MysteryResultInput.self, from: request, context: context)
        try await repository.requireVisibleForResult(visit: input.visit, context: context)
        input.shopper = user.username
        let (stored, score) = try await repository.report(try input.result(shopper: user.username), now: Date())
        return JSONResponse.make(stored ? .created : .ok, MysteryController.ReportJSON(visit: input.visit, stored: stored, score: score))
    }
}
