import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/experiments` (issue 19 item 5): register an experiment, list and read them, change one while it is a draft
/// (afterwards only its name: a changed design field is 409 naming it), start and stop it, a unit's deterministic
/// assignment, the minimum detectable effect before the start, and the registered test on Otklik's own feedback.
struct ExperimentController {
    let experiments: SQLExperimentRepository
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("experiments", use: list)
        group.post("experiments", use: create)
        group.get("experiments/{code}", use: get)
        group.put("experiments/{code}", use: update)
        group.post("experiments/{code}/start", use: start)
        group.post("experiments/{code}/stop", use: stop)
        group.get("experiments/{code}/assignment", use: assignment)
        group.get("experiments/{code}/result", use: result)
        group.get("experiments/{code}/plan", use: plan)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await experiments.experiments()])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let experiment = try ExperimentDefinition.parse(try await body(request, context))
        try await experiments.create(experiment)
        return JSONResponse.make(.created, try await stored(experiment.code))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await stored(try context.parameters.require("code")))
    }

    /// The body's fields replace the stored ones (a field left out keeps its value), then the whole is checked.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let current = try await stored(code)
        guard let changes = try? JSONSerialization.jsonObject(with: try await body(request, context)) as? [String: Any] else {
            throw OtklikError(.invalidInput, "the body must be a JSON object of the fields to change", field: "body")
        }
        let frozen = ExperimentDefinition.changedDesignFields(changes, of: current)
        if current.status != .draft, !frozen.isEmpty {
            throw OtklikError(
                .conflict, "the experiment is \(current.status.rawValue): its design was fixed at the start and cannot change (\(frozen.joined(separator: ", ")))",
                field: frozen.joined(separator: ","))
        }
        var object = ExperimentDefinition.object(current)
        for (key, value) in changes { object[key] = value }
        try await experiments.update(code: code, to: try ExperimentDefinition.parse(object))
        return JSONResponse.make(.ok, try await stored(code))
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        try await experiments.start(code: code, timeZone: timeZone)
        return JSONResponse.make(.ok, try await stored(code))
    }

    @Sendable func stop(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        try await experiments.stop(code: code)
        return JSONResponse.make(.ok, try await stored(code))
    }

    struct AssignmentJSON: Encodable {
        var experiment: String
        var unit: String
        var variant: String
        var control: Bool
    }

    /// `?unit=ID`: the unit's variant (for `day`, a date YYYY-MM-DD; without it, today in the organisation's zone).
    @Sendable func assignment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let experiment = try await stored(try context.parameters.require("code"))
        var unit = request.uri.queryParameters.get("unit")?.trimmingCharacters(in: .whitespaces) ?? ""
        if unit.isEmpty, experiment.unit == .day { unit = ExperimentAssignment.day(Date(), timeZone: timeZone) }
        guard !unit.isEmpty, unit.count <= 200 else {
            throw OtklikError(.invalidInput, "the unit's id is required: ?unit=ID (a \(experiment.unit.rawValue))", field: "unit")
        }
        let index = ExperimentAssignment.variant(experiment: experiment.code, unit: unit, variants: experiment.variants)
        return JSONResponse.make(.ok, AssignmentJSON(experiment: experiment.code, unit: unit, variant: experiment.variants[index].name, control: index == 0))
    }

    @Sendable func result(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await experiments.result(code: try context.parameters.require("code"), timeZone: timeZone))
    }

    /// The minimum detectable effect on a look-back as long as the horizon (before the start: ending now).
    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await experiments.plan(code: try context.parameters.require("code"), timeZone: timeZone))
    }

    func stored(_ code: String) async throws -> Experiment {
        guard let experiment = try await experiments.experiment(code: code) else { throw OtklikError(.notFound, "no experiment '\(code)'", field: "code") }
        return experiment
    }

    func body(_ request: Request, _ context: AppRequestContext) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw OtklikError(.invalidInput, "the request body is empty; send the definition as JSON", field: "body") }
        return Data(buffer.readableBytesView)
    }
}
