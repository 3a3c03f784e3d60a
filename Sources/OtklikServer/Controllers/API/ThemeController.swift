import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore
import OtklikText

/// `/api/v1/themes`: the organisation's taxonomy of reasons, read, replaced whole (validated all or nothing) or reset
/// to the shipped one. Stored comments are re-analysed with it in the background.
struct ThemeController {
    let texts: any TextAnalysisRepository
    let reanalysis: TextReanalysis

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("themes", use: get)
        group.put("themes", use: replace)
        group.delete("themes", use: reset)
    }

    func current() async throws -> TaxonomyJSON {
        let (taxonomy, isDefault) = try await texts.taxonomy()
        return TaxonomyJSON(isDefault: isDefault, themes: taxonomy.themes.map(ThemeJSON.init))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await current())
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let taxonomy = try await JSONBody.decode(TaxonomyJSON.self, from: request, context: context).validated()
        try await texts.replaceTaxonomy(taxonomy)
        await reanalysis.start()
        return JSONResponse.make(.ok, try await current())
    }

    @Sendable func reset(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await texts.replaceTaxonomy(nil)
        await reanalysis.start()
        return JSONResponse.make(.ok, try await current())
    }
}
