// The light build of Bottleneck (no Redis clustering), as @octokit/plugin-throttling imports it; it has the
// types of the full build.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck'
  export default Bottleneck
}
