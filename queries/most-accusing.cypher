// name: most-accusing
// question: Who accuses others most often, and how many different targets?
// params: limit:int=10
// example: -p limit=5
MATCH (src:Actor)-[r:ACCUSES]->(dst:Actor)
RETURN src.name AS actor, src.kind AS kind, count(r) AS accusations,
       count(DISTINCT dst.id) AS targets, count(DISTINCT r.doc_id) AS documents
ORDER BY accusations DESC, targets DESC, actor
LIMIT $limit
// engine: neo4j
MATCH (t:Tally)
WHERE t.level = 'made' AND t.type = 'ACCUSES' AND t.claims > 0
MATCH (src:Actor {id: t.src})
WITH src, t
ORDER BY t.level DESC, t.type DESC, t.claims DESC, t.counterparts DESC, src.name
LIMIT $limit
RETURN src.name AS actor, src.kind AS kind, t.claims AS accusations,
       t.counterparts AS targets, t.documents AS documents
ORDER BY accusations DESC, targets DESC, actor
