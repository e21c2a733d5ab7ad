// name: most-accused
// question: Who is accused most often, and by how many different accusers?
// params: limit:int=10
// example: -p limit=5
MATCH (src:Actor)-[r:ACCUSES]->(dst:Actor)
RETURN dst.name AS actor, dst.kind AS kind, count(r) AS accusations,
       count(DISTINCT src.id) AS accusers, count(DISTINCT r.doc_id) AS documents
ORDER BY accusations DESC, accusers DESC, actor
LIMIT $limit
// engine: neo4j
MATCH (t:Tally)
WHERE t.level = 'received' AND t.type = 'ACCUSES' AND t.claims > 0
MATCH (dst:Actor {id: t.dst})
WITH dst, t
ORDER BY t.level DESC, t.type DESC, t.claims DESC, t.counterparts DESC, dst.name
LIMIT $limit
RETURN dst.name AS actor, dst.kind AS kind, t.claims AS accusations,
       t.counterparts AS accusers, t.documents AS documents
ORDER BY accusations DESC, accusers DESC, actor
