// name: most-accused
// question: Who is accused most often, and by how many different accusers?
// params: limit:int=10
// example: -p limit=5
MATCH (src:Actor)-[r:ACCUSES]->(dst:Actor)
RETURN dst.name AS actor, dst.kind AS kind, count(r) AS accusations,
       count(DISTINCT src.id) AS accusers, count(DISTINCT r.doc_id) AS documents
ORDER BY accusations DESC, accusers DESC, actor
LIMIT $limit
