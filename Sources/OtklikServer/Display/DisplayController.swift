import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The loyalty display (`/display/LOCATION`, no login): today's share of positive ratings, refreshed by `display.js`
/// from `GET /public/v1/display/LOCATION`. A display paired as the location's staff screen (``StaffDisplayAccess``:
/// `/display/LOCATION/pair` takes the key of a `staff_display` device and keeps it in an HttpOnly cookie) shows besides
/// the open red-press alerts of its location, asked every 2 s from `GET /public/v1/display/LOCATION/alerts`; the public
/// display never does, and that endpoint answers only a staff screen of the same location.
struct DisplayController {
    let database: AppDatabase
    let alerts: any AlertRepository
    let analytics: Analytics
    let pages: PageRenderer
    let secureCookies: Bool
    /// Where customers reach Otklik, for the pairing form's origin check; nil: the request's Host.
    let publicURL: String?

    /// The loyalty display shows a share only from this many rated answers of the day (one answer is not "100 %").
    static let displayMinimum = 5

    var access: StaffDisplayAccess { StaffDisplayAccess(devices: database.devices) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("display/{location}", use: display)
        router.get("display/{location}/pair", use: pairPage)
        router.get("public/v1/display/{location}", use: displayFigures)
        router.get("public/v1/display/{location}/alerts", use: staffAlerts)
        // The pairing forms: no session, so the anti-forgery check is the browser's word (Origin, Sec-Fetch-Site).
        let forms = router.group().add(middleware: CSRFMiddleware(publicURL: publicURL))
        forms.post("display/{location}/pair", use: pair)
        forms.post("display/{location}/unpair", use: unpair)
    }

    // MARK: pages

    @Sendable func display(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let location = try await self.location(context)
        let figures = try await todayFigures(location.code)
        let screen = try await access.screen(for: request, location: location.code)
        let share = figures.share.flatMap { figures.rated >= Self.displayMinimum ? String(Int($0.rounded())) : nil }
        let items = screen == nil ? [] : try await openAlerts(at: location.code, language: language)
        let page = DisplayPage(
            location: location.code, locationName: location.name, responses: figures.responses, share: share, quiet: share == nil,
            staffScreen: screen != nil, screen: screen?.device.code, alerts: items, hasAlerts: !items.isEmpty,
            alertsSource: "/public/v1/display/\(Self.encoded(location.code))/alerts")
        var response = pages.render("display", page: page, title: pages.localizer.text("display_title", language), request: request, context: context)
        if screen == nil, let key = request.cookies[StaffDisplayAccess.cookieName]?.value, !key.isEmpty,
            try await database.devices.device(token: key) == nil
        {
            // A revoked or unknown key: forget it, so the display stays public until someone pairs it again.
            response.headers[values: .setCookie].append(StaffDisplayAccess.clearedCookie(secure: secureCookies).description)
        }
        return response
    }

    @Sendable func pairPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let location = try await self.location(context)
        return pages.render(
            "display-pair", page: DisplayPairPage(location: location.code, locationName: location.name, error: nil),
            title: pages.localizer.text("display_pair_title", language), request: request, context: context)
    }

    struct PairForm: Decodable {
        var key: String?
    }

    /// Checks the key and keeps it in the display's cookie; a wrong key shows the form again with why (401/403).
    @Sendable func pair(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let location = try await self.location(context)
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = try URLEncodedFormDecoder().decode(PairForm.self, from: String(buffer: body))
        let key = (form.key ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            guard !key.isEmpty else { throw OtklikError(.unauthorized, "enter the staff screen's key", field: "key") }
            _ = try await access.screen(token: key, location: location.code)
        } catch let error as OtklikError where error.code == .unauthorized || error.code == .forbidden {
            let reason = pages.localizer.text(error.code == .forbidden ? "display_pair_other" : "display_pair_unknown", language)
            return pages.render(
                "display-pair", page: DisplayPairPage(location: location.code, locationName: location.name, error: reason),
                title: pages.localizer.text("display_pair_title", language), request: request, context: context,
                status: error.code == .forbidden ? .forbidden : .unauthorized)
        }
        return Response(
            status: .seeOther,
            headers: [.location: "/display/\(Self.encoded(location.code))", .setCookie: StaffDisplayAccess.cookie(key, secure: secureCookies).description])
    }

    /// Makes the display public again on this browser (the device itself stays registered until an admin revokes it).
    @Sendable func unpair(_ request: Request, context: AppRequestContext) async throws -> Response {
        let location = try await self.location(context)
        return Response(
            status: .seeOther,
            headers: [.location: "/display/\(Self.encoded(location.code))", .setCookie: StaffDisplayAccess.clearedCookie(secure: secureCookies).description])
    }

    // MARK: JSON

    @Sendable func displayFigures(_ request: Request, context: AppRequestContext) async throws -> Response {
        let location = try await self.location(context)
        let figures = try await todayFigures(location.code)
        return JSONResponse.make(.ok, DisplayFigures(location: location.code, positiveShare: figures.share, responses: figures.responses, rated: figures.rated))
    }

    /// The open alerts nobody has acknowledged yet, for a staff screen of this location only.
    @Sendable func staffAlerts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let location = try await self.location(context)
        guard let token = StaffDisplayAccess.credential(request) else {
            throw OtklikError(.unauthorized, "only a display paired as the staff screen sees alerts (pair it at /display/\(location.code)/pair)", field: "key")
        }
        let screen = try await access.screen(token: token, location: location.code)
        let items = try await openAlerts(at: location.code, language: pages.localizer.language(for: request))
        var response = JSONResponse.make(.ok, StaffDisplayAlerts(location: location.code, screen: screen.device.code, items: items))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    struct DisplayFigures: Encodable {
        var location: String
        var positiveShare: Double?
        var responses: Int
        var rated: Int
        var minimumRated = DisplayController.displayMinimum
        var definition = "positive share today = (positive presses + CSAT 4-5 + NPS 9-10) / rated answers today, %; feedback: spontaneous sample"

        enum CodingKeys: String, CodingKey {
            case location, positiveShare = "positive_share", responses, rated, definition, minimumRated = "display_minimum_rated"
        }
    }

    // MARK: helpers

    /// The location's alerts that wait for someone to go to the customer (open, not acknowledged), newest first, with
    /// the playbook of each event.
    func openAlerts(at location: String, language: String) async throws -> [StaffDisplayAlert] {
        let text = pages.localizer.table(language)
        let open = try await alerts.alerts(locations: [location], openOnly: true, from: nil, to: nil, limit: 50).filter { $0.acknowledgedAt == nil }
        guard !open.isEmpty else { return [] }
        let staff = Dictionary(try await database.reference.staff().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        var guides: [String: StaffDisplayAlert.Guide?] = [:]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = analytics.timeZone
        formatter.dateFormat = "HH:mm"
        var items: [StaffDisplayAlert] = []
        for alert in open {
            if guides[alert.event] == nil {
                let playbook = try await database.playbooks.playbook(forEvents: [alert.event])
                guides[alert.event] = .some(playbook.map {
                    StaffDisplayAlert.Guide(title: language == "en" ? $0.titleEn : $0.titleRu, tasks: $0.tasks, phrases: $0.phrases)
                })
            }
            items.append(StaffDisplayAlert(
                id: alert.id, openedAt: alert.openedAt, time: formatter.string(from: alert.openedAt), staff: alert.staff,
                staffName: alert.staff.map { staff[$0] ?? $0 }, rating: AlertsPageController.rating(alert, text: text), event: alert.event,
                playbook: guides[alert.event] ?? nil))
        }
        return items
    }

    /// Today's answers at a location (the organisation's day) and the share of them that were positive.
    func todayFigures(_ location: String) async throws -> (share: Double?, responses: Int, rated: Int) {
        let zone = analytics.timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.startOfDay(for: Date())
        let end = calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
        let tally = try await analytics.tally(FeedbackQuery(from: start, to: end, locations: [location])).overall
        let rated = tally.buttonN + tally.csatN + tally.npsN
        let positive = tally.buttonPositive + tally.csatTop2 + tally.promoters
        return (rated > 0 ? 100 * Double(positive) / Double(rated) : nil, tally.count, rated)
    }

    func location(_ context: AppRequestContext) async throws -> Location {
        let code = try context.parameters.require("location")
        guard let location = try await database.reference.locations().first(where: { $0.code == code }) else {
            throw OtklikError(.notFound, "no location '\(code)'", field: "location")
        }
        return location
    }

    /// A code as one segment of a path (codes are letters, digits and -_.:, which stay as they are).
    static func encoded(_ code: String) -> String { code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#%"))) ?? code }
}
