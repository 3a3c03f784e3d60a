import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `/api/v1/{regions,locations,staff,services}`: list, read, create or replace (`PUT …/{code}`), delete. A change
/// reaches the analytics engine (a location's region, the service catalogue) through the change feed, like a change
/// made by another server; the writer catches its engine up before it answers, so it reads its own change.
struct ReferenceController {
    let repository: any ReferenceRepository
    let follower: FeedFollower

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        addRoutes(to: group, path: "regions", kind: .region, list: { try await $0.regions() }, save: { try await $0.save($1) } as Saver<Region>)
        addRoutes(to: group, path: "locations", kind: .location, list: { try await $0.locations() }, save: { try await $0.save($1) } as Saver<Location>)
        addRoutes(to: group, path: "staff", kind: .staff, list: { try await $0.staff() }, save: { try await $0.save($1) } as Saver<Staff>)
        addRoutes(to: group, path: "services", kind: .service, list: { try await $0.services() }, save: { try await $0.save($1) } as Saver<Service>)
    }

    typealias Saver<T> = @Sendable (any ReferenceRepository, T) async throws -> Void

    private func addRoutes<T: Codable & Sendable & ReferenceItem>(
        to group: RouterGroup<AppRequestContext>, path: String, kind: ReferenceKind,
        list: @escaping @Sendable (any ReferenceRepository) async throws -> [T], save: @escaping Saver<T>
    ) {
        let repository = self.repository, follower = self.follower
        group.get(RouterPath(path)) { _, _ in
            JSONResponse.make(.ok, ["items": try await list(repository)])
        }
        group.get(RouterPath("\(path)/{code}")) { _, context in
            let code = try context.parameters.require("code")
            guard let item = try await list(repository).first(where: { $0.code == code }) else {
                throw OtklikError(.notFound, "no \(kind.rawValue) with code '\(code)'", field: "code")
            }
            return JSONResponse.make(.ok, item)
        }
        group.post(RouterPath(path)) { request, context in
            let item = try await JSONBody.decode(T.self, from: request, context: context)
            let exists = try await list(repository).contains { $0.code == item.code }
            if exists { throw OtklikError(.conflict, "\(kind.rawValue) '\(item.code)' already exists; use PUT to replace it", field: "code") }
            try await save(repository, item)
            await follower.catchUpAfterWrite()
            return JSONResponse.make(.created, item)
        }
        group.put(RouterPath("\(path)/{code}")) { request, context in
            let code = try context.parameters.require("code")
            let item = try await JSONBody.decode(T.self, from: request, context: context)
            guard item.code == code else { throw OtklikError.invalid("code", "the body's code '\(item.code)' differs from the path's '\(code)'") }
            try await save(repository, item)
            await follower.catchUpAfterWrite()
            return JSONResponse.make(.ok, item)
        }
        group.delete(RouterPath("\(path)/{code}")) { _, context in
            try await repository.delete(kind, code: try context.parameters.require("code"))
            await follower.catchUpAfterWrite()
            return Response(status: .noContent)
        }
    }
}

/// A reference list entry addressed by its code.
protocol ReferenceItem { var code: String { get } }
extension Region: ReferenceItem {}
extension Location: ReferenceItem {}
extension Staff: ReferenceItem {}
extension Service: ReferenceItem {}
