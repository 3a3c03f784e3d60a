import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The pages a service point installs, without login: the kiosk (`/kiosk/LOCATION`) and the QR form
/// (`/q/LOCATION?staff=…&service=…`), with their JSON endpoint under `/public/v1` (the loyalty display is
/// ``DisplayController``). Answers are validated in full, limited per client and idempotent on
/// the browser's ids, so a kiosk's offline queue can resend safely.
struct PublicFormController {
    let database: AppDatabase
    let ingest: FeedbackIngest
    let analytics: Analytics
    let pages: PageRenderer
    let kioskIdleSeconds: Int
    /// Where customers reach Otklik, for printed QR codes; nil: the request's Host.
    let publicURL: String?
    /// Answers per client address (``ClientLimits/publicForm``, shared by the servers on one PostgreSQL).
    let limits: ClientLimits

    static let maxItems = 100

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("kiosk/{location}", use: kiosk)
        router.get("q/{location}", use: qrForm)
        router.get("q/{location}/qr.svg", use: qrImage)
        router.post("public/v1/feedback", use: submit)
    }

    // MARK: pages

    @Sendable func kiosk(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await form(request, context: context, channel: .terminal)
    }

    @Sendable func qrForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await form(request, context: context, channel: .qrWeb)
    }

    func form(_ request: Request, context: AppRequestContext, channel: Channel) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let location = try await self.location(context)
        let query = request.uri.queryParameters
        let staff = try await reference(query["staff"].map(String.init), in: database.reference.staff().map { ($0.code, $0.name) }, field: "staff")
        let service = try await reference(
            query["service"].map(String.init), in: database.reference.services().map { ($0.code, $0.name) }, field: "service")
        let reasons = try await database.reasons.reasons(at: location.code).map { FeedbackFormPage.Reason(code: $0.code, label: $0.label(language)) }
        let faces = (1...5).map { FeedbackFormPage.Face(value: $0, label: pages.localizer.text("rating_\($0)", language)) }
        let page = FeedbackFormPage(
            location: location.code, locationName: location.name, staff: staff?.code ?? "", service: service?.code ?? "",
            channel: channel.rawValue, kiosk: channel == .terminal, idle: kioskIdleSeconds, reasons: reasons,
            hasReasons: !reasons.isEmpty, faces: faces, staffName: staff?.name, serviceName: service?.name)
        return pages.render(
            "form", page: page, titleKey: channel == .terminal ? "kiosk_title" : "qr_title", request: request, context: context)
    }

    /// The QR code of the form's address (with its staff and service), as SVG for printing.
    @Sendable func qrImage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let location = try await self.location(context)
        let query = request.uri.queryParameters
        var components = URLComponents()
        components.path = "/q/\(location.code)"
        let items = ["staff", "service"].compactMap { (key: String) -> URLQueryItem? in
            guard let value = query[Substring(key)], !value.isEmpty else { return nil }
            return URLQueryItem(name: key, value: String(value))
        }
        _ = try await reference(items.first { $0.name == "staff" }?.value, in: database.reference.staff().map { ($0.code, $0.name) }, field: "staff")
        _ = try await reference(items.first { $0.name == "service" }?.value, in: database.reference.services().map { ($0.code, $0.name) }, field: "service")
        components.queryItems = items.isEmpty ? nil : items
        let base = publicURL ?? "http://\(request.head.authority ?? "127.0.0.1")"
        let address = base + (components.string ?? "/q/\(location.code)")
        let code: QRCode
        do {
            code = try QRCode(text: address)
        } catch {
            throw OtklikError.invalid("location", "the address \(address) is too long for a printed QR code")
        }
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: code.svg(title: address))))
    }

    // MARK: JSON

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard try await limits.publicForm.allow(limits.client(request, context: context)) else {
            throw OtklikError(.tooManyRequests, "too many answers from this device; wait a minute and send again")
        }
        let now = Date()
        let body = try await JSONBody.decode(ItemBatch<PublicFeedbackJSON>.self, from: request, context: context)
        guard body.items.count <= Self.maxItems else {
            throw OtklikError(.payloadTooLarge, "send at most \(Self.maxItems) answers at once", field: "items")
        }
        let items = try body.converted { item throws(OtklikError) in try item.feedback(now: now) }
        try await checkReasons(items)
        let outcome = try await ingest.ingest(items, now: now)
        return JSONResponse.make(outcome.inserted.isEmpty ? .ok : .created, [
            "stored": outcome.inserted + outcome.duplicates,
            "complaints": items.filter { $0.kind == .complaint }.map(\.id),
        ])
    }

    /// Reasons must be on the location's list. (Unknown location, staff and service codes are refused by the
    /// shared write path, ``FeedbackIngest``, naming `items[i].field` the same way.)
    func checkReasons(_ items: [Feedback]) async throws {
        var reasonsAt: [String: Set<String>] = [:]
        for (index, item) in items.enumerated() where !item.reasons.isEmpty {
            let location = item.location ?? ""
            if reasonsAt[location] == nil { reasonsAt[location] = Set(try await database.reasons.reasons(at: location).map(\.code)) }
            if let bad = item.reasons.first(where: { !(reasonsAt[location]?.contains($0) ?? false) }) {
                throw OtklikError.invalid("items[\(index)].reasons", "'\(bad)' is not a reason offered at \(location)")
            }
        }
    }

    // MARK: helpers

    func location(_ context: AppRequestContext) async throws -> Location {
        let code = try context.parameters.require("location")
        guard let location = try await database.reference.locations().first(where: { $0.code == code }) else {
            throw OtklikError(.notFound, "no location '\(code)'", field: "location")
        }
        return location
    }

    func reference(_ code: String?, in items: [(String, String)], field: String) throws -> (code: String, name: String)? {
        guard let code, !code.isEmpty else { return nil }
        guard let match = items.first(where: { $0.0 == code }) else { throw OtklikError(.notFound, "no \(field) '\(code)'", field: field) }
        return (match.0, match.1)
    }
}
