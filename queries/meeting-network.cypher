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
