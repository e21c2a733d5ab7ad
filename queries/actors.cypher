// name: actors
// question: Which actors are in the graph, of what kind, and how active are they?
// params: kind:str=, limit:int=100
// example: -p kind=state
// note: Use the id column wherever another query takes an actor; kind is state, person, organization or group.
MATCH (a:Actor)
WHERE $kind = '' OR a.kind = toLower($kind)
OPTIONAL MATCH (a)-[role:MADE|TARGETS]-(:Claim)
RETURN a.id AS id, a.name AS name, a.kind AS kind,
       count(CASE WHEN type(role) = 'MADE' THEN 1 END) AS claims_made,
       count(CASE WHEN type(role) = 'TARGETS' THEN 1 END) AS claims_received
ORDER BY claims_made + claims_received DESC, name, id
LIMIT $limit
// engine: neo4j
MATCH (a:Actor)
WHERE a.claims_total >= 0 AND ($kind = '' OR a.kind = toLower($kind))
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.claims_made AS claims_made,
       a.claims_received AS claims_received
ORDER BY a.claims_total DESC, name, id
LIMIT $limit
