// name: accusations-rejected
// question: Which accusations were answered by a rejection, and by whom?
// params: limit:int=100
// example: -p limit=20
// note: Claims about claims: (rejection:Claim)-[:ABOUT]->(accusation:Claim).
MATCH (rjr:Actor)-[:MADE]->(rej:Claim {type: 'REJECTS'})-[:ABOUT]->(acc:Claim {type: 'ACCUSES'})
MATCH (spk:Actor)-[:MADE]->(acc)
OPTIONAL MATCH (acc)-[:TARGETS]->(tgt:Actor)
RETURN acc.date AS accused_on, spk.name AS accuser, coalesce(tgt.name, '') AS accused,
       acc.sentence AS accusation, rjr.name AS rejected_by, rej.date AS rejected_on,
       rej.sentence AS rejection
ORDER BY accused_on, accuser, accusation, rejected_by, rejection
LIMIT $limit
// engine: neo4j
MATCH (acc:Claim)
WHERE acc.type = 'ACCUSES' AND acc.date >= ''
MATCH (rjr:Actor)-[:MADE]->(rej:Claim {type: 'REJECTS'})-[:ABOUT]->(acc)
MATCH (spk:Actor)-[:MADE]->(acc)
OPTIONAL MATCH (acc)-[:TARGETS]->(tgt:Actor)
WITH acc, rej, rjr, spk, tgt
ORDER BY acc.type, acc.date, spk.name, acc.sentence, rjr.name, rej.sentence
LIMIT $limit
RETURN acc.date AS accused_on, spk.name AS accuser, coalesce(tgt.name, '') AS accused,
       acc.sentence AS accusation, rjr.name AS rejected_by, rej.date AS rejected_on,
       rej.sentence AS rejection
ORDER BY accused_on, accuser, accusation, rejected_by, rejection
