import Foundation
import Hummingbird
import OtklikStore

extension OtklikApp {
    /// Mystery shopping on this server: its store and the scores beside compliance and CSAT.
    var mysteryShopping: (repository: any MysteryShoppingRepository, scores: MysteryScoreBuilder) {
        let repository = SQLMysteryShoppingRepository(database: database.sql)
        return (repository, MysteryScoreBuilder(repository: repository, compliance: compliance, timeZone: analytics.timeZone, minimumN: configuration.minimumN))
    }

    /// `/api/v1/mystery/…`, the `/mystery` pages and the offline form's script.
    func addMysteryRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        let (repository, scores) = mysteryShopping
        MysteryController(repository: repository, scores: scores, timeZone: analytics.timeZone).addRoutes(to: api)
        MysteryPagesController(repository: repository, scores: scores, reference: database.reference, pages: renderer, timeZone: analytics.timeZone)
            .addRoutes(to: group)
        group.get("static/mystery.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: try ResourceFiles.data("static/mystery.js"))))
        }
    }
}
