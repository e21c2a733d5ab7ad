// name: meeting-network
// question: Who meets whom, how often, and when?
// params: limit:int=50
// example: -p limit=20
// note: Meetings have no direction: each pair appears once, names in id order.
MATCH (x:Actor)-[r:MEETS]-(y:Actor)
WHERE x.id < y.id
RETURN x.name AS actor, y.name AS other, count(r) AS meetings,
       count(DISTINCT r.doc_id) AS documents, min(r.date) AS first_date, max(r.date) AS last_date
ORDER BY meetings DESC, actor, other
LIMIT $limit
// engine: neo4j
MATCH (t:Tally)
WHERE t.level = 'link' AND t.type = 'MEETS' AND t.claims > 0
MATCH (x:Actor {id: t.src})
MATCH (y:Actor {id: t.dst})
WITH x, y, t
ORDER BY t.level DESC, t.type DESC, t.claims DESC, x.name, y.name
LIMIT $limit
RETURN x.name AS actor, y.name AS other, t.claims AS meetings, t.documents AS documents,
       t.first_date AS first_date, t.last_date AS last_date
ORDER BY meetings DESC, actor, other
