// name: most-accusing
// question: Who accuses others most often, and how many different targets?
// params: limit:int=10
// example: -p limit=5
MATCH (src:Actor)-[r:ACCUSES]->(dst:Actor)
RETURN src.name AS actor, src.kind AS kind, count(r) AS accusations,
       count(DISTINCT dst.id) AS targets, count(DISTINCT r.doc_id) AS documents
ORDER BY accusations DESC, targets DESC, actor
LIMIT $limit
